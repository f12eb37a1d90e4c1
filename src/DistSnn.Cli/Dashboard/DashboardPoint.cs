namespace DistSnn.Cli.Dashboard;

/// <summary>One sweep point: its coordinates (one per sweep key, as written in the spec) and its accuracy so far.</summary>
internal sealed record DashboardPoint(
    int Index,
    IReadOnlyList<string> Coordinates,
    string Label,
    int Done,
    int Planned,
    double? Mean,
    double? Ci95Low,
    double? Ci95High);
