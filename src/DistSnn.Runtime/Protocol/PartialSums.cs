using MessagePack;

namespace DistSnn.Runtime.Protocol;

/// <summary>
/// A tile's column currents (weight units, float, after read noise and the ADC) for one round of one batch:
/// <c>Values[s * Cols + c]</c>. <c>TileRow</c> tells the neuron group where it goes in the fixed summation order.
/// A tile that leaves its read noise to the group also sends the currents' read-noise variances, same layout;
/// otherwise <c>Variances</c> is empty.
/// </summary>
[MessagePackObject]
public sealed record PartialSums(
    [property: Key(0)] int Batch,
    [property: Key(1)] int Round,
    [property: Key(2)] int TileRow,
    [property: Key(3)] int Samples,
    [property: Key(4)] int Cols,
    [property: Key(5)] float[] Values,
    [property: Key(6)] float[] Variances) : IProtocolMessage;
