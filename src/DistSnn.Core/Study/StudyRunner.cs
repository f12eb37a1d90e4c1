using DistSnn.Core.Data;
using DistSnn.Core.Engine;
using DistSnn.Core.Snn;
using DistSnn.Core.Trial;

namespace DistSnn.Core.Study;

/// <summary>
/// Runs a study on this machine: every (point, trial) on the reference engine, trials in parallel on
/// <c>workers</c> threads. The result of a trial depends only on (spec, point, trial), never on the thread or
/// the order, so the records are the same whatever the parallelism; they are returned sorted by point, trial.
/// Which trials run is decided by <see cref="TrialSchedule"/>.
/// </summary>
public sealed class StudyRunner : IStudyExecution
{
    private readonly StudySpec _spec;
    private readonly SnnModel _model;
    private readonly Dataset _data;
    private readonly int _workers;
    private readonly IReadOnlyList<TrialRecord> _alreadyDone;

    /// <param name="alreadyDone">Trials stored by an earlier run of the same study (resume): not run again.</param>
    public StudyRunner(StudySpec spec, SnnModel model, Dataset data, int workers, IReadOnlyList<TrialRecord>? alreadyDone = null)
    {
        if (workers < 1) throw new ArgumentOutOfRangeException(nameof(workers), "at least one worker thread");
        _spec = spec;
        _model = model;
        _data = data;
        _workers = workers;
        _alreadyDone = alreadyDone ?? [];
    }

    /// <summary>Called (from worker threads, serialised) as each trial completes.</summary>
    public event Action<TrialRecord>? TrialCompleted;

    /// <summary>Runs until every point has its trials, or until <paramref name="cancel"/> fires (then returns what finished).</summary>
    public IReadOnlyList<TrialRecord> Run(CancellationToken cancel = default)
    {
        var schedule = new TrialSchedule(_spec, _alreadyDone);
        var produced = new List<TrialRecord>();
        while (!cancel.IsCancellationRequested)
        {
            var work = schedule.NextRound();
            if (work.Count == 0) break;
            foreach (TrialRecord record in RunTrials(work, cancel))
            {
                schedule.Complete(record);
                produced.Add(record);
            }
        }
        return produced.OrderBy(r => r.Point).ThenBy(r => r.Trial).ToList();
    }

    private List<TrialRecord> RunTrials(IReadOnlyList<(int Point, int Trial)> work, CancellationToken cancel)
    {
        var results = new TrialRecord?[work.Count];
        var plans = new PointPlans(_spec, _model, _data);
        var gate = new object();
        var options = new ParallelOptions { MaxDegreeOfParallelism = _workers };
        int next = -1;
        // Workers take items in list order; each result lands in its own slot.
        Parallel.For(0, _workers, options, _ =>
        {
            while (!cancel.IsCancellationRequested)
            {
                int i = Interlocked.Increment(ref next);
                if (i >= work.Count) return;
                var (point, trial) = work[i];
                var record = new TrialRecord(point, trial, new SequentialTrial(plans.For(point), trial).Run(null));
                results[i] = record;
                lock (gate) TrialCompleted?.Invoke(record);
            }
        });
        return results.Where(r => r is not null).Select(r => r!).ToList();
    }

    /// <summary>Per-point statistics of the records, in point order, each with its paired difference to the spec's baseline point.</summary>
    public static IReadOnlyList<PointSummary> Summarise(StudySpec spec, IReadOnlyList<TrialRecord> records)
    {
        var differences = PairedDifference.ForEveryPoint(spec, records);
        return spec.Points.Select(point =>
        {
            var mine = records.Where(r => r.Point == point.Index).OrderBy(r => r.Trial).ToList();
            long conversions = mine.Sum(r => r.Result.AdcConversions);
            double clipFraction = conversions == 0 ? 0 : (double)mine.Sum(r => r.Result.AdcClipped) / conversions;
            var summary = PointSummary.Of(point.Index, point.Coordinates, mine.Select(r => r.Result.Accuracy).ToList(), clipFraction);
            YieldEstimate? yield = spec.YieldThreshold is { } threshold ? YieldEstimate.Of(threshold, mine.Select(r => r.Result.Accuracy).ToList()) : null;
            ChipStatistics? chip = ChipStatistics.Mean(mine.Select(r => ChipStatistics.Of(r.Result, spec.Energy)).ToList());
            return summary with { PairedDifference = differences[point.Index], Yield = yield, Chip = chip };
        }).ToList();
    }
}
