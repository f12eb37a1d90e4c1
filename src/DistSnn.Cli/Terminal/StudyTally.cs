using DistSnn.Core.Study;

namespace DistSnn.Cli.Terminal;

/// <summary>
/// The trials of a running study, point by point. Trial events arrive on worker threads (one at a time) while the
/// display thread takes snapshots, so every access goes through one lock.
/// </summary>
internal sealed class StudyTally
{
    /// <summary>How many points a display shows at most: the most recently active ones.</summary>
    public const int MostRecentPoints = 20;

    private readonly object _gate = new();
    private readonly PointTally[] _points;

    // Most recent first; at most MostRecentPoints, so keeping it costs a few steps per trial whatever the grid size.
    private readonly List<int> _recent = [];

    public StudyTally(StudySpec spec, IReadOnlyList<TrialRecord> alreadyDone)
    {
        var labels = PointLabel.Of(spec);
        _points = spec.Points.Select(p => new PointTally(p.Index, labels[p.Index], spec.Trials)).ToArray();
        foreach (TrialRecord r in alreadyDone) _points[r.Point].Add(r.Result.Accuracy, resumed: true);
        Resumed = alreadyDone.Count;
    }

    public int Points => _points.Length;

    /// <summary>Trials an earlier run of the study finished.</summary>
    public int Resumed { get; }

    /// <summary>The <see cref="IStudyExecution.TrialCompleted"/> handler.</summary>
    public void Add(TrialRecord record)
    {
        lock (_gate)
        {
            _points[record.Point].Add(record.Result.Accuracy, resumed: false);
            _recent.Remove(record.Point);
            _recent.Insert(0, record.Point);
            if (_recent.Count > MostRecentPoints) _recent.RemoveAt(_recent.Count - 1);
        }
    }

    /// <summary>The study ran to its end: an adaptive point that stopped early is complete, not behind.</summary>
    public void MarkComplete()
    {
        lock (_gate)
            foreach (PointTally point in _points) point.MarkComplete();
    }

    /// <param name="elapsed">Time since this run started.</param>
    /// <param name="rows">How many point rows to include: every point when there are no more, else the most recently
    /// active (then the lowest indices, before any trial arrived), in point order.</param>
    public ProgressSnapshot Snapshot(TimeSpan elapsed, int rows)
    {
        lock (_gate)
        {
            int done = 0, doneThisRun = 0, planned = 0;
            bool adaptive = false;
            foreach (PointTally p in _points)
            {
                done += p.Done;
                doneThisRun += p.DoneThisRun;
                planned += p.Planned;
                adaptive |= p.Adaptive;
            }

            var shown = new SortedSet<int>(_recent.Take(rows));
            for (int i = 0; i < _points.Length && shown.Count < rows; i++) shown.Add(i);
            var progress = shown.Select(i => _points[i]).Select(p => new PointProgress(
                p.Index, p.Label, p.Done, p.DoneThisRun, p.Planned, p.Adaptive, p.Mean, p.Ci95HalfWidth,
                ProgressSnapshot.Extrapolate(p.Done, p.DoneThisRun, p.Planned, elapsed))).ToList();
            return new ProgressSnapshot(progress, _points.Length, done, doneThisRun, planned, adaptive, elapsed);
        }
    }
}
