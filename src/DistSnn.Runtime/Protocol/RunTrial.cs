using MessagePack;

namespace DistSnn.Runtime.Protocol;

/// <summary>Run trial <c>Trial</c> (virtual chip k) of sweep point <c>Point</c>; answered with <see cref="TrialCompleted"/>.</summary>
[MessagePackObject]
public sealed record RunTrial([property: Key(0)] int Point, [property: Key(1)] int Trial) : IProtocolMessage;

/// <summary>The result of one trial: its score and what its chip counted (<see cref="CounterTotals.Counters"/>'s layout).</summary>
[MessagePackObject]
public sealed record TrialCompleted(
    [property: Key(0)] int Point,
    [property: Key(1)] int Trial,
    [property: Key(2)] int Correct,
    [property: Key(3)] int Total,
    [property: Key(4)] long[] Counters) : IProtocolMessage;

/// <summary>
/// A trial threw on a worker: a bug, or a study the worker cannot run. The coordinator ends the study with this
/// error, as a trial that throws in the study process does; waiting for the trial would be waiting forever.
/// </summary>
[MessagePackObject]
public sealed record TrialFailed(
    [property: Key(0)] int Point,
    [property: Key(1)] int Trial,
    [property: Key(2)] string Reason) : IProtocolMessage;
