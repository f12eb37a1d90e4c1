namespace DistSnn.Core.Study;

/// <summary>
/// A study being run by some engine (the local reference runner, the actor runtime, a cluster): trial results
/// arrive as events while <see cref="Run"/> works, and Run returns every record it produced, sorted by point, trial.
/// </summary>
public interface IStudyExecution
{
    /// <summary>Raised once per finished trial; handlers are never called concurrently.</summary>
    event Action<TrialRecord>? TrialCompleted;

    /// <summary>Runs what is left of the study; on cancellation returns the trials that finished.</summary>
    IReadOnlyList<TrialRecord> Run(CancellationToken cancel = default);
}
