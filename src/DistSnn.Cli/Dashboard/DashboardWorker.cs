namespace DistSnn.Cli.Dashboard;

/// <summary>One worker's trials and its trials per second over <see cref="WorkerTally.Window"/>.</summary>
/// <param name="Threads">Trials it runs at once, where known (this process's local workers).</param>
internal sealed record DashboardWorker(string Name, int? Threads, int Trials, double TrialsPerSecond);
