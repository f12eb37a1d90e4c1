using DistSnn.Core.Engine;
using DistSnn.Core.Study;

namespace DistSnn.Cli.Tests.Terminal;

/// <summary>A study execution that "finishes" the given trials one by one, a pause apart, on the thread that runs it.</summary>
internal sealed class FakeStudyExecution(IReadOnlyList<TrialRecord> trials, TimeSpan pause) : IStudyExecution
{
    public event Action<TrialRecord>? TrialCompleted;

    /// <summary>Thrown from <see cref="Run"/> after the trials, when set.</summary>
    public Exception? Failure { get; init; }

    public IReadOnlyList<TrialRecord> Run(CancellationToken cancel = default)
    {
        var done = new List<TrialRecord>();
        foreach (TrialRecord trial in trials)
        {
            if (cancel.IsCancellationRequested) break;
            Thread.Sleep(pause);
            done.Add(trial);
            TrialCompleted?.Invoke(trial);
        }
        if (Failure is not null) throw Failure;
        return done.OrderBy(r => r.Point).ThenBy(r => r.Trial).ToList();
    }

    /// <summary>Trial <paramref name="trial"/> at <paramref name="point"/> with accuracy <paramref name="correct"/> / 100.</summary>
    public static TrialRecord Trial(int point, int trial, int correct) => new(point, trial, new TrialResult(correct, 100));

    /// <summary>Every (point, trial) of the grid, trial-major like the local runner, with made-up accuracies.</summary>
    public static List<TrialRecord> Grid(int points, int trials, int firstTrial = 0)
    {
        var records = new List<TrialRecord>();
        for (int t = firstTrial; t < trials; t++)
            for (int p = 0; p < points; p++)
                records.Add(Trial(p, t, 50 + 10 * p - t));
        return records;
    }
}
