using Akka.Actor;
using Akka.Actor.Internal;

namespace DistSnn.Runtime.Actors;

/// <summary>
/// Supervision of trial actors: a trial that throws is a bug (or a study this node cannot run), never a glitch that
/// a restart cures, so it is stopped, and its parent is told which child failed and why, to report it instead of
/// waiting for the result forever. Akka's own failure log is off: the parent logs the failure in its words. A child
/// that is not a trial (a worker's tile host, which serves every trial of a study) is restarted, as Akka's default
/// does: stopping it would lose every later trial's tiles.
/// </summary>
/// <param name="failed">Told of every failure; returns whether the child was a trial (stopped) or not (restarted).</param>
public sealed class TrialFailureStrategy(Func<IActorRef, Exception, bool> failed)
    : OneForOneStrategy(_ => Directive.Stop, loggingEnabled: false)
{
    public override void ProcessFailure(IActorContext context, bool restart, IActorRef child, Exception cause, ChildRestartStats stats,
        IReadOnlyCollection<ChildRestartStats> children)
    {
        // Runs on the parent's thread while it handles the failure, so the callback may touch the parent's state.
        bool trial = failed(child, cause);
        base.ProcessFailure(context, restart: !trial, child, cause, stats, children);
    }
}
