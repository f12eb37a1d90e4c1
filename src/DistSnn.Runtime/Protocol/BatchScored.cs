using MessagePack;

namespace DistSnn.Runtime.Protocol;

/// <summary>The readout finished a batch: how many of its samples were classified correctly.</summary>
[MessagePackObject]
public sealed record BatchScored(
    [property: Key(0)] int Batch,
    [property: Key(1)] int Samples,
    [property: Key(2)] int Correct) : IProtocolMessage;
