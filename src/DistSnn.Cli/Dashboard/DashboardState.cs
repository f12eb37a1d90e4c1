namespace DistSnn.Cli.Dashboard;

/// <summary>
/// What the live page shows at one moment, sent whole in every server-sent event (a page that connects late, or
/// reconnects, needs nothing else). Undefined statistics (no trial yet, one trial) are null: JSON has no NaN.
/// </summary>
/// <param name="Status"><c>starting</c>, <c>running</c>, <c>finished</c>, <c>interrupted</c> or <c>failed</c>.</param>
/// <param name="Final">The last state of this study: the page stops listening.</param>
/// <param name="Detail">For a finished study its output directory; for one that stopped early, why.</param>
/// <param name="ShortKeys">The sweep keys as the terminal table shortens them (<see cref="Terminal.PointLabel.ShortKey"/>).</param>
/// <param name="Labels">The sweep keys' axis labels with meaning and unit, as the plots have them (<see cref="Core.Study.SpecKeyLabels"/>).</param>
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
    IReadOnlyList<string> ShortKeys,
    IReadOnlyList<string> Labels,
    IReadOnlyList<DashboardPoint> Points,
    IReadOnlyList<DashboardWorker> Workers,
    int? ReadyWorkers);
