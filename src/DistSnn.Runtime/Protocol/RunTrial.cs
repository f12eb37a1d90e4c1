using MessagePack;

namespace DistSnn.Runtime.Protocol;

/// <summary>Run trial <c>Trial</c> (virtual chip k) of sweep point <c>Point</c>; answered with <see cref="TrialCompleted"/>.</summary>
[MessagePackObject]
public sealed record RunTrial([property: Key(0)] int Point, [property: Key(1)] int Trial) : IProtocolMessage;

/// <summary>The result of one trial.</summary>
[MessagePackObject]
public sealed record TrialCompleted(
    [property: Key(0)] int Point,
    [property: Key(1)] int Trial,
    [property: Key(2)] int Correct,
    [property: Key(3)] int Total,
    [property: Key(4)] long AdcClipped,
    [property: Key(5)] long AdcConversions) : IProtocolMessage;
