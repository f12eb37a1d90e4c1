using DistSnn.Core.Study;

namespace DistSnn.Runtime.Reports;

/// <summary>One line of an accuracy plot: the points that share the other swept axes' values, ordered along the x axis.</summary>
/// <param name="Label">The other axes' values, <c>key=value, key=value</c>; empty when there are none.</param>
internal sealed record AccuracySeries(string Label, IReadOnlyList<AccuracySeries.Point> Points)
{
    /// <summary>A point's mean accuracy and its 95% CI; a CI that is undefined (one trial) collapses onto the mean.</summary>
    internal sealed record Point(double X, double Mean, double Low, double High);

    /// <summary>
    /// Splits the summaries into one series per combination of the axes other than <paramref name="axis"/>, in the
    /// order the grid first reaches them. Points without trials are left out.
    /// </summary>
    public static IReadOnlyList<AccuracySeries> Split(StudySpec spec, int axis, SweepAxisScale scale, IReadOnlyList<PointSummary> summaries) =>
        summaries
            .Where(s => double.IsFinite(s.Mean))
            .Select(s => (Summary: s, Position: scale.Position(s.Coordinates[axis])))
            .Where(p => p.Position is not null)
            .GroupBy(p => OthersLabel(spec, axis, p.Summary.Coordinates))
            .Select(group => new AccuracySeries(group.Key, group
                .OrderBy(p => p.Position!.Value.Order)
                .Select(p => PointOf(p.Position!.Value.X, p.Summary))
                .ToList()))
            .ToList();

    public static Point PointOf(double x, PointSummary summary)
    {
        bool hasCi = double.IsFinite(summary.Ci95Low) && double.IsFinite(summary.Ci95High);
        return new Point(x, summary.Mean, hasCi ? summary.Ci95Low : summary.Mean, hasCi ? summary.Ci95High : summary.Mean);
    }

    private static string OthersLabel(StudySpec spec, int axis, IReadOnlyList<string> coordinates)
    {
        int[] others = Enumerable.Range(0, spec.Sweep.Count).Where(i => i != axis).ToArray();
        // One other key is named in full; several are shortened to what tells them apart, so the legend fits.
        IReadOnlyList<string> names = others.Length == 1
            ? [spec.Sweep[others[0]].Key]
            : DistinctSuffixes(others.Select(i => spec.Sweep[i].Key).ToList());
        return string.Join(", ", others.Select((axisIndex, i) => $"{names[i]}={coordinates[axisIndex]}"));
    }

    /// <summary>Each dotted key's shortest tail of segments that no other key ends with (<c>faults.stuck_off</c> to <c>stuck_off</c>).</summary>
    internal static IReadOnlyList<string> DistinctSuffixes(IReadOnlyList<string> keys) =>
        keys.Select(key =>
        {
            string[] segments = key.Split('.');
            for (int take = 1; take < segments.Length; take++)
            {
                string tail = string.Join('.', segments[^take..]);
                if (keys.All(other => other == key || !("." + other).EndsWith("." + tail, StringComparison.Ordinal))) return tail;
            }
            return key;
        }).ToList();
}
