using DistSnn.Core.Study;

namespace DistSnn.Runtime.Reports;

/// <summary>One line of a plot: the points that share the other swept axes' values, ordered along the x axis.</summary>
/// <param name="Label">The other axes' values, <c>label: value; label: value</c>; empty when there are none.</param>
/// <param name="Points">The points that have a value to show; empty when none has (the series still keeps its colour).</param>
internal sealed record AccuracySeries(string Label, IReadOnlyList<AccuracySeries.Point> Points)
{
    /// <summary>A point's mean and its 95% CI; a CI that is undefined (one trial) collapses onto the mean.</summary>
    internal sealed record Point(double X, double Mean, double Low, double High);

    /// <summary>
    /// Splits the summaries into one series per combination of the axes other than <paramref name="axis"/>, in the
    /// order the grid first reaches them, whatever <paramref name="pointOf"/> leaves out: so a series has the same
    /// index, and so the same colour, in every plot of the study.
    /// </summary>
    /// <param name="pointOf">The value a summary shows at x; null for a point without one (no trials).</param>
    public static IReadOnlyList<AccuracySeries> Split(StudySpec spec, int axis, SweepAxisScale scale, IReadOnlyList<PointSummary> summaries,
        Func<double, PointSummary, Point?> pointOf) =>
        summaries
            .Select(s => (Summary: s, Position: scale.Position(s.Coordinates[axis])))
            .Where(p => p.Position is not null)
            .GroupBy(p => OthersLabel(spec, axis, p.Summary.Coordinates))
            .Select(group => new AccuracySeries(group.Key, group
                .OrderBy(p => p.Position!.Value.Order)
                .Select(p => pointOf(p.Position!.Value.X, p.Summary))
                .OfType<Point>()
                .ToList()))
            .ToList();

    /// <summary>The point's mean accuracy and its CI; null without trials.</summary>
    public static Point? AccuracyOf(double x, PointSummary summary) =>
        double.IsFinite(summary.Mean) ? Of(x, summary.Mean, summary.Ci95Low, summary.Ci95High) : null;

    /// <summary>The point's paired difference to the baseline and its CI; null without pairs.</summary>
    public static Point? DifferenceOf(double x, PointSummary summary) =>
        summary.PairedDifference is { } d && double.IsFinite(d.Mean) ? Of(x, d.Mean, d.Ci95Low, d.Ci95High) : null;

    private static Point Of(double x, double mean, double low, double high)
    {
        bool hasCi = double.IsFinite(low) && double.IsFinite(high);
        return new Point(x, mean, hasCi ? low : mean, hasCi ? high : mean);
    }

    /// <summary>The other axes named by their labels (what a legend in a paper says), not by their dotted keys.</summary>
    private static string OthersLabel(StudySpec spec, int axis, IReadOnlyList<string> coordinates) =>
        string.Join("; ", Enumerable.Range(0, spec.Sweep.Count)
            .Where(i => i != axis)
            .Select(i => $"{SpecKeyLabels.For(spec.Sweep[i].Key, spec)}: {coordinates[i]}"));
}
