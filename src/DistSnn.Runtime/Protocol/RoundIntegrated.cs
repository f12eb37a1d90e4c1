using MessagePack;

namespace DistSnn.Runtime.Protocol;

/// <summary>The first layer has integrated round <c>Round</c> of batch <c>Batch</c>: the encoder may feed one more round (flow control).</summary>
[MessagePackObject]
public sealed record RoundIntegrated(
    [property: Key(0)] int Batch,
    [property: Key(1)] int Round) : IProtocolMessage;
