using Akka.Actor;
using Akka.Actor.Internal;

namespace DistSnn.Runtime.Actors;

/// <summary>
/// Supervision of trial actors: a trial that throws is a bug (or a study this node cannot run), never a glitch that
/// a restart cures, so it is stopped, and its parent is told which child failed and why, to report it instead of
/// waiting for the result forever. Akka's own failure log is off: the parent logs the failure in its words.
/// </summary>
public sealed class TrialFailureStrategy(Action<IActorRef, Exception> failed)
    : OneForOneStrategy(_ => Directive.Stop, loggingEnabled: false)
{
    public override void ProcessFailure(IActorContext context, bool restart, IActorRef child, Exception cause, ChildRestartStats stats,
        IReadOnlyCollection<ChildRestartStats> children)
    {
        // Runs on the parent's thread while it handles the failure, so the callback may touch the parent's state.
        failed(child, cause);
        base.ProcessFailure(context, restart, child, cause, stats, children);
    }
}
