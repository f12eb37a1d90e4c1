using MessagePack;

namespace DistSnn.Runtime.Protocol;

/// <summary>Tells a trial's encoder to feed batch <c>Batch</c> (samples <c>[First, First + Samples)</c> of the data subset), every round.</summary>
[MessagePackObject]
public sealed record EncodeBatch(
    [property: Key(0)] int Batch,
    [property: Key(1)] int First,
    [property: Key(2)] int Samples) : IProtocolMessage;
