namespace DistSnn.Core.Study;

/// <summary>
/// Which (point, trial) pairs a study runs, in rounds. Fixed counts: one round with every trial. Adaptive counts
/// (<c>{ min, max, ci_halfwidth }</c>): the first round gives every point <c>min</c> trials; after each round a
/// point whose 95% CI half-width is still above the target gets as many again (doubling), up to <c>max</c>.
/// A decision looks only at whole rounds, and trial results are deterministic, so where each point stops does
/// not depend on threads, nodes or resumption. Trials already done (a resumed study) are never handed out again.
/// </summary>
public sealed class TrialSchedule
{
    private readonly StudySpec _spec;
    private readonly Dictionary<(int Point, int Trial), TrialRecord> _done = new();
    private readonly int[] _planned;
    private List<int> _pending;
    private int _roundSize;

    public TrialSchedule(StudySpec spec, IEnumerable<TrialRecord>? alreadyDone = null)
    {
        _spec = spec;
        foreach (TrialRecord r in alreadyDone ?? []) _done[(r.Point, r.Trial)] = r;
        _planned = new int[spec.Points.Count];
        _pending = Enumerable.Range(0, spec.Points.Count).ToList();
        _roundSize = spec.Trials.Min;
    }

    /// <summary>Every record known so far, sorted by point, trial.</summary>
    public IReadOnlyList<TrialRecord> Records => _done.Values.OrderBy(r => r.Point).ThenBy(r => r.Trial).ToList();

    /// <summary>Trials planned so far for a point (its final count once the schedule is finished).</summary>
    public int Planned(int point) => _planned[point];

    public bool IsFinished => _pending.Count == 0;

    /// <summary>
    /// The work of the next round in trial-major order (every point advances together), skipping trials already
    /// done; empty when the study is finished. Call again only after every trial of the previous round completed.
    /// </summary>
    public IReadOnlyList<(int Point, int Trial)> NextRound()
    {
        while (_pending.Count > 0)
        {
            if (_planned.Any(p => p > 0)) _pending = _pending.Where(NeedsMoreTrials).ToList();
            if (_pending.Count == 0) break;
            if (_planned.Any(p => p > 0)) _roundSize = _pending.Min(p => _planned[p]);

            var targets = _pending.ToDictionary(p => p, p => Math.Min(_planned[p] + _roundSize, _spec.Trials.Max));
            var work = new List<(int, int)>();
            for (int trial = 0; trial < targets.Values.Max(); trial++)
                foreach (int p in _pending)
                    if (trial >= _planned[p] && trial < targets[p] && !_done.ContainsKey((p, trial))) work.Add((p, trial));
            foreach (int p in _pending) _planned[p] = targets[p];
            if (!_spec.Trials.IsAdaptive) _pending.Clear();
            if (work.Count > 0) return work;
        }
        return [];
    }

    /// <summary>The stored result of a trial, if it is known.</summary>
    public TrialRecord? Find(int point, int trial) => _done.GetValueOrDefault((point, trial));

    /// <summary>Records a finished trial; false when it was already known (a late duplicate).</summary>
    public bool Complete(TrialRecord record) => _done.TryAdd((record.Point, record.Trial), record);

    private bool NeedsMoreTrials(int point)
    {
        if (!_spec.Trials.IsAdaptive || _planned[point] >= _spec.Trials.Max) return false;
        var accuracies = Enumerable.Range(0, _planned[point])
            .Select(t => _done.TryGetValue((point, t), out var r) ? r.Result.Accuracy : double.NaN)
            .ToList();
        if (accuracies.Any(double.IsNaN)) throw new InvalidOperationException($"point {point}: a trial of the last round is missing");
        var summary = PointSummary.Of(point, _spec.Points[point].Coordinates, accuracies);
        return !(summary.Ci95HalfWidth < _spec.Trials.CiHalfWidth);
    }
}
