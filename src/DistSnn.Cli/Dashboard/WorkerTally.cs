namespace DistSnn.Cli.Dashboard;

/// <summary>
/// Trials finished per worker (this process, and each joined worker by its <c>host:port</c>) and each one's recent
/// throughput: the trials of the last <see cref="Window"/>, so that a worker that slows down or leaves shows it.
/// Trial events arrive on the coordinator's thread while the feed takes snapshots, hence the lock.
/// </summary>
internal sealed class WorkerTally(int localWorkers)
{
    /// <summary>Long enough to hold several trials of a slow study, short enough to follow a change within a minute.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    /// <summary>The name of this process's row; its threads are the study's local workers.</summary>
    public const string ThisProcess = "this process";

    private readonly object _gate = new();
    private readonly Dictionary<string, Worker> _workers = new();

    /// <param name="worker">A joined worker's <c>host:port</c>; null for this process.</param>
    /// <param name="at">Time since the run started.</param>
    public void Add(string? worker, TimeSpan at)
    {
        lock (_gate)
        {
            string name = worker ?? ThisProcess;
            if (!_workers.TryGetValue(name, out Worker? w)) _workers[name] = w = new Worker();
            w.Trials++;
            w.Recent.Enqueue(at);
            Trim(w, at);
        }
    }

    /// <summary>This process first (when it runs trials or may), then the joined workers in the order they first reported.</summary>
    public IReadOnlyList<DashboardWorker> Snapshot(TimeSpan now)
    {
        lock (_gate)
        {
            // A run younger than the window has had less time to show its speed: divide by the time it had.
            double seconds = Math.Max(Math.Min(now.TotalSeconds, Window.TotalSeconds), 1e-3);
            var rows = new List<DashboardWorker>();
            if (localWorkers > 0 && !_workers.ContainsKey(ThisProcess))
                rows.Add(new DashboardWorker(ThisProcess, localWorkers, 0, 0));
            foreach (var (name, w) in _workers.OrderBy(p => p.Key == ThisProcess ? 0 : 1))
            {
                Trim(w, now);
                rows.Add(new DashboardWorker(name, name == ThisProcess ? localWorkers : null, w.Trials, w.Recent.Count / seconds));
            }
            return rows;
        }
    }

    private static void Trim(Worker w, TimeSpan now)
    {
        while (w.Recent.Count > 0 && now - w.Recent.Peek() > Window) w.Recent.Dequeue();
    }

    private sealed class Worker
    {
        public int Trials { get; set; }

        /// <summary>When each trial of the last window finished.</summary>
        public Queue<TimeSpan> Recent { get; } = new();
    }
}
