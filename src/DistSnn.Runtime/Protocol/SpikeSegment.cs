using MessagePack;

namespace DistSnn.Runtime.Protocol;

/// <summary>
/// Binary inputs of one round of one batch for a run of a layer's inputs: <c>[Start, Start + Count)</c>, every
/// sample of the batch, bit-packed. Sample <c>s</c> occupies words <c>[s * W, (s + 1) * W)</c> with
/// <c>W = ceil(Count / 64)</c>; bit <c>i % 64</c> of word <c>i / 64</c> is input <c>Start + i</c>.
/// </summary>
[MessagePackObject]
public sealed record SpikeSegment(
    [property: Key(0)] int Batch,
    [property: Key(1)] int Round,
    [property: Key(2)] int Start,
    [property: Key(3)] int Count,
    [property: Key(4)] int Samples,
    [property: Key(5)] ulong[] Bits) : IProtocolMessage;
