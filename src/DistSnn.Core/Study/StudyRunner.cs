using DistSnn.Core.Data;
using DistSnn.Core.Engine;
using DistSnn.Core.Snn;

namespace DistSnn.Core.Study;

/// <summary>
/// Runs a study on this machine: every (point, trial) on the reference engine, trials in parallel on
/// <c>workers</c> threads. The result of a trial depends only on (spec, point, trial), never on the thread or
/// the order, so the records are the same whatever the parallelism; they are returned sorted by point, trial.
/// Adaptive trial counts grow in rounds (min, then doubling up to max) and each decision looks only at whole
/// rounds, so where a point stops is deterministic too.
/// </summary>
public sealed class StudyRunner : IStudyExecution
{
    private readonly StudySpec _spec;
    private readonly SnnModel _model;
    private readonly Dataset _data;
    private readonly int _workers;

    public StudyRunner(StudySpec spec, SnnModel model, Dataset data, int workers)
    {
        if (workers < 1) throw new ArgumentOutOfRangeException(nameof(workers), "at least one worker thread");
        _spec = spec;
        _model = model;
        _data = data;
        _workers = workers;
    }

    /// <summary>Called (from worker threads, serialised) as each trial completes.</summary>
    public event Action<TrialRecord>? TrialCompleted;

    /// <summary>Runs until every point has its trials, or until <paramref name="cancel"/> fires (then returns what finished).</summary>
    public IReadOnlyList<TrialRecord> Run(CancellationToken cancel = default)
    {
        var done = new List<TrialRecord>();
        var planned = new int[_spec.Points.Count];
        var pending = Enumerable.Range(0, _spec.Points.Count).ToList();
        int round = _spec.Trials.Min;

        while (pending.Count > 0 && !cancel.IsCancellationRequested)
        {
            // Trial-major order: every point advances together, so partial progress is informative.
            var work = new List<(int Point, int Trial)>();
            int maxTrial = pending.Max(p => Math.Min(planned[p] + round, _spec.Trials.Max));
            for (int trial = 0; trial < maxTrial; trial++)
                foreach (int p in pending)
                    if (trial >= planned[p] && trial < Math.Min(planned[p] + round, _spec.Trials.Max)) work.Add((p, trial));
            foreach (int p in pending) planned[p] = Math.Min(planned[p] + round, _spec.Trials.Max);

            done.AddRange(RunTrials(work, cancel));
            if (cancel.IsCancellationRequested) break;

            pending = pending.Where(p => NeedsMoreTrials(p, planned[p], done)).ToList();
            round = pending.Count == 0 ? 0 : pending.Min(p => planned[p]);
        }
        return done.OrderBy(r => r.Point).ThenBy(r => r.Trial).ToList();
    }

    private bool NeedsMoreTrials(int point, int planned, List<TrialRecord> done)
    {
        if (!_spec.Trials.IsAdaptive || planned >= _spec.Trials.Max) return false;
        var accuracies = done.Where(r => r.Point == point).Select(r => r.Result.Accuracy).ToList();
        var summary = PointSummary.Of(point, _spec.Points[point].Coordinates, accuracies);
        return !(summary.Ci95HalfWidth < _spec.Trials.CiHalfWidth);
    }

    private List<TrialRecord> RunTrials(List<(int Point, int Trial)> work, CancellationToken cancel)
    {
        var results = new TrialRecord?[work.Count];
        var engines = _spec.Points
            .Select(p => new ReferenceEngine(p.Settings.Apply(_model), p.Settings.Crossbar, _spec.Seed, _spec.Batch))
            .ToArray();
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
                var record = new TrialRecord(point, trial, engines[point].RunTrial(trial, _data));
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
            return summary with { PairedDifference = differences[point.Index] };
        }).ToList();
    }
}
