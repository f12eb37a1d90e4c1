using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using DistSnn.Cli.Terminal;
using DistSnn.Core.Study;
using DistSnn.Runtime;

namespace DistSnn.Cli.Dashboard;

/// <summary>
/// The states the live page receives, made from the same trial events as the terminal display (a
/// <see cref="StudyTally"/> of its own) plus where each trial ran. The study's threads only update tallies; a timer
/// turns them into JSON at most every <see cref="Interval"/>, and only when something changed (or once a second, for
/// the clocks), so a study pays the same whatever the number of pages watching it. Every page gets the latest state:
/// one that falls behind skips states, it never queues them.
/// </summary>
internal sealed class DashboardFeed : IDisposable
{
    /// <summary>At most four states a second: live to the eye, nothing to a study.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    // A timer tick may come a little early; one that comes this much early still publishes.
    private static readonly TimeSpan TimerSlack = TimeSpan.FromMilliseconds(10);

    private static readonly TimeSpan ClockInterval = TimeSpan.FromSeconds(1);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly StudySpec _spec;
    private readonly object _gate = new();
    private readonly Stopwatch _clock = new();
    private readonly Timer _timer;
    private StudyTally _tally;
    private WorkerTally _workers;
    private Func<int?> _readyWorkers = () => null;
    private string _status = "starting";
    private int _trialsSeen;
    private int _trialsPublished = -1;
    private int? _readyPublished;
    private TimeSpan _publishedAt;
    private long _replacedAt = Stopwatch.GetTimestamp();
    private bool _forcePending;
    private Published _latest;
    private int _openStreams;

    public DashboardFeed(StudySpec spec)
    {
        _spec = spec;
        _tally = new StudyTally(spec, []);
        _workers = new WorkerTally(0);
        _latest = new Published(Serialize(State(false, null, null)), 0, false, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _timer = new Timer(_ => Tick(), null, Interval, Interval);
    }

    /// <summary>The latest state as JSON.</summary>
    public string Latest => Volatile.Read(ref _latest).Json;

    /// <summary>Pages connected to <see cref="Stream"/> right now.</summary>
    public int OpenStreams => Volatile.Read(ref _openStreams);

    /// <summary>Follows <paramref name="execution"/> from now on. Call before it runs.</summary>
    /// <param name="alreadyDone">Trials of a resumed study: they count as done, not as this run's speed.</param>
    /// <param name="readyWorkers">Joined workers ready now (null: no cluster); read at each state.</param>
    public void Watch(IStudyExecution execution, IReadOnlyList<TrialRecord> alreadyDone, int localWorkers, Func<int?> readyWorkers)
    {
        lock (_gate)
        {
            _tally = new StudyTally(_spec, alreadyDone);
            _workers = new WorkerTally(localWorkers);
            _readyWorkers = readyWorkers;
            _status = "running";
            _clock.Restart();
        }
        execution.TrialCompleted += OnTrial;
        // The actor runtime says where each trial ran; any other engine runs every trial in this process.
        if (execution is ActorStudyExecution actors) actors.TrialRanOn += (_, worker) => _workers.Add(worker, _clock.Elapsed);
        else execution.TrialCompleted += _ => _workers.Add(null, _clock.Elapsed);
        Publish(force: true);
    }

    private void OnTrial(TrialRecord record)
    {
        _tally.Add(record);
        Interlocked.Increment(ref _trialsSeen);
    }

    /// <summary>The study ran to its end and its results are written: the last state, with the numbers of its summary.</summary>
    public void Finished(IReadOnlyList<PointSummary> summaries, string outDir)
    {
        _tally.MarkComplete();
        End("finished", outDir, summaries);
    }

    /// <summary>The study stopped before its end (<paramref name="status"/> <c>interrupted</c> or <c>failed</c>).</summary>
    public void Stopped(string status, string why) => End(status, why, null);

    /// <summary>Whether the last state went out already.</summary>
    public bool Ended => Volatile.Read(ref _latest).Final;

    private void End(string status, string detail, IReadOnlyList<PointSummary>? summaries)
    {
        lock (_gate)
        {
            if (_latest.Final) return;
            _timer.Change(Timeout.Infinite, Timeout.Infinite);
            _clock.Stop();
            _status = status;
            Replace(Serialize(State(true, detail, summaries)), final: true);
        }
    }

    /// <summary>
    /// The states for one page, from the current one on; ends after the last, or when the page goes away
    /// (<paramref name="cancel"/>: the request's abort).
    /// </summary>
    public async IAsyncEnumerable<string> Stream([EnumeratorCancellation] CancellationToken cancel)
    {
        Interlocked.Increment(ref _openStreams);
        try
        {
            long sent = -1;
            // One wait for the page to leave, shared by every wait below (a new one each time would pile up until it left).
            Task gone = Task.Delay(Timeout.Infinite, cancel);
            while (!cancel.IsCancellationRequested)
            {
                Published now = Volatile.Read(ref _latest);
                if (now.Version != sent)
                {
                    sent = now.Version;
                    yield return now.Json;
                    if (now.Final) yield break;
                }
                // Waits for the next state without throwing when the page leaves: the loop then ends quietly.
                await Task.WhenAny(now.Next.Task, gone).ConfigureAwait(false);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _openStreams);
        }
    }

    private void Tick()
    {
        try
        {
            Publish(force: false);
        }
        catch (ObjectDisposedException)
        {
            // A last tick that raced Dispose: nothing left to publish to.
        }
    }

    private void Publish(bool force)
    {
        lock (_gate)
        {
            if (_latest.Final) return;
            // No two states closer than the interval, a forced one included (the study starting): it goes out at
            // the next tick instead.
            if (Stopwatch.GetElapsedTime(_replacedAt) < Interval - TimerSlack)
            {
                _forcePending |= force;
                return;
            }
            force |= _forcePending;
            int trials = Volatile.Read(ref _trialsSeen);
            int? ready = _readyWorkers();
            TimeSpan now = _clock.Elapsed;
            if (!force && trials == _trialsPublished && ready == _readyPublished && now - _publishedAt < ClockInterval) return;
            _trialsPublished = trials;
            _readyPublished = ready;
            _publishedAt = now;
            _forcePending = false;
            Replace(Serialize(State(false, null, null)), final: false);
            // The next tick a whole interval after this state.
            _timer.Change(Interval, Interval);
        }
    }

    /// <summary>Makes <paramref name="json"/> the latest state and wakes the pages waiting for it. Under the lock.</summary>
    private void Replace(string json, bool final)
    {
        Published previous = _latest;
        _replacedAt = Stopwatch.GetTimestamp();
        _latest = new Published(json, previous.Version + 1, final, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        previous.Next.TrySetResult();
    }

    private DashboardState State(bool final, string? detail, IReadOnlyList<PointSummary>? summaries)
    {
        TimeSpan elapsed = _clock.Elapsed;
        ProgressSnapshot snapshot = _tally.Snapshot(elapsed, _tally.Points);
        var points = snapshot.Rows.Select(row =>
        {
            // The finished study shows its summary's numbers, so the page and summary.json agree to the last digit.
            PointSummary? summary = summaries?.FirstOrDefault(s => s.Point == row.Point);
            double mean = summary?.Mean ?? row.Mean;
            double low = summary?.Ci95Low ?? row.Mean - row.Ci95HalfWidth;
            double high = summary?.Ci95High ?? row.Mean + row.Ci95HalfWidth;
            return new DashboardPoint(row.Point, _spec.Points[row.Point].Coordinates, row.Label, summary?.Trials ?? row.Done, row.Planned,
                Defined(mean), Defined(low), Defined(high));
        }).ToList();
        return new DashboardState(_spec.Name, _status, final, detail, elapsed.TotalSeconds, snapshot.Remaining?.TotalSeconds,
            snapshot.Done, snapshot.Planned, snapshot.Adaptive, _tally.Resumed, _spec.Sweep.Select(a => a.Key).ToList(),
            _spec.Sweep.Select(a => Terminal.PointLabel.ShortKey(a.Key)).ToList(), _spec.Sweep.Select(a => Core.Study.SpecKeyLabels.For(a.Key, _spec)).ToList(), points,
            _workers.Snapshot(elapsed), _readyWorkers());
    }

    private static double? Defined(double value) => double.IsFinite(value) ? value : null;

    private static string Serialize(DashboardState state) => JsonSerializer.Serialize(state, Json);

    public void Dispose() => _timer.Dispose();

    /// <summary>One state as sent, its number, and what completes when the next one replaces it.</summary>
    private sealed record Published(string Json, long Version, bool Final, TaskCompletionSource Next);
}
