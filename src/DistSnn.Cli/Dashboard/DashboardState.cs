namespace DistSnn.Cli.Dashboard;

/// <summary>
/// What the live page shows at one moment, sent whole in every server-sent event (a page that connects late, or
/// reconnects, needs nothing else). Undefined statistics (no trial yet, one trial) are null: JSON has no NaN.
/// </summary>
/// <param name="Status"><c>starting</c>, <c>running</c>, <c>finished</c>, <c>interrupted</c> or <c>failed</c>.</param>
/// <param name="Final">The last state of this study: the page stops listening.</param>
/// <param name="Detail">For a finished study its output directory; for one that stopped early, why.</param>
/// <param name="ReadyWorkers">Joined cluster workers ready now; null for a study without a cluster.</param>
internal sealed record DashboardState(
    string Study,
    string Status,
    bool Final,
    string? Detail,
    double ElapsedSeconds,
    double? RemainingSeconds,
    int Done,
    int Planned,
    bool Adaptive,
    int Resumed,
    IReadOnlyList<string> Keys,
    IReadOnlyList<DashboardPoint> Points,
    IReadOnlyList<DashboardWorker> Workers,
    int? ReadyWorkers);
