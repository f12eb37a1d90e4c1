using MessagePack;

namespace DistSnn.Runtime.Protocol;

/// <summary>Analog (direct-encoded, after the DAC) inputs <c>[Start, Start + Count)</c> of one round of one batch, sample-major.</summary>
[MessagePackObject]
public sealed record AnalogSegment(
    [property: Key(0)] int Batch,
    [property: Key(1)] int Round,
    [property: Key(2)] int Start,
    [property: Key(3)] int Count,
    [property: Key(4)] int Samples,
    [property: Key(5)] float[] Values) : IProtocolMessage;
