using DistSnn.Core.Study;
using ScottPlot;

namespace DistSnn.Runtime.Reports;

/// <summary>
/// Plots of each point's accuracy minus the baseline point's, paired chip by chip (<see cref="PairedDifference"/>),
/// with the 95% CI of that mean difference: one per swept key (<c>difference-&lt;key&gt;.png</c> and <c>.svg</c>),
/// series as in <see cref="AccuracyPlots"/>. The paired CI is far narrower than the points' own, so this is the
/// plot that says whether a change is real. A study without a sweep has only its baseline and gets none.
/// </summary>
public static class DifferencePlots
{
    /// <summary>The least range the y axis spans: 2 percentage points, so a difference of a few samples looks as small as it is.</summary>
    public const double MinimumSpan = 0.02;

    public const string YLabel = "accuracy − baseline (paired by chip)";

    public static IReadOnlyList<string> Write(string directory, StudySpec spec, IReadOnlyList<PointSummary> summaries)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        for (int axis = 0; axis < spec.Sweep.Count; axis++)
        {
            using Plot plot = RenderAxis(spec, axis, summaries);
            PlotFiles.Save(directory, FileName(spec.Sweep[axis].Key), plot, written);
        }
        return written;
    }

    public static string FileName(string key) => PlotFiles.KeyFileName("difference", key);

    internal static Plot RenderAxis(StudySpec spec, int axis, IReadOnlyList<PointSummary> summaries)
    {
        var scale = new SweepAxisScale(spec.Sweep[axis]);
        IReadOnlyList<AccuracySeries> series = AccuracySeries.Split(spec, axis, scale, summaries, AccuracySeries.DifferenceOf);
        var shown = series.Take(AccuracyPlots.MaxSeries).ToList();

        Plot plot = PlotDrawing.Create();
        bool several = shown.Count > 1;
        for (int i = 0; i < shown.Count; i++)
            PlotDrawing.AddSeries(plot, shown[i], i, several ? shown[i].Label : "mean paired difference", several ? "" : PlotDrawing.CiLegend);
        if (several) PlotDrawing.AddSharedCiLegend(plot);
        // The baseline's coordinates go in the title: in the legend, one long entry forces a single column that no longer fits.
        PlotDrawing.AddReferenceLine(plot, 0, $"baseline (point {spec.Baseline})", Colors.Black, LinePattern.Solid);

        var pairs = summaries.Where(s => s.Point != spec.Baseline).Select(s => s.PairedDifference?.Pairs ?? 0);
        // Two lines: the baseline's coordinates make one line wider than the plot.
        string title = $"{spec.Name}: paired difference to the baseline, {PlotDrawing.TrialsText(pairs)} chips per point\nthe baseline is point {spec.Baseline}, {BaselineText(spec)}";
        if (series.Count > AccuracyPlots.MaxSeries) title += $" (first {AccuracyPlots.MaxSeries} of {series.Count} series)";
        plot.Title(title);
        plot.XLabel(PlotDrawing.AxisLabel(spec, axis));
        plot.YLabel(YLabel);
        PlotDrawing.SetLimits(plot, PlotDrawing.CategoriesOf(scale), YRange(shown.SelectMany(s => s.Points)));
        PlotDrawing.ShowLegend(plot);
        return plot;
    }

    /// <summary>Every CI end and zero, at least <see cref="MinimumSpan"/> wide.</summary>
    internal static ValueAxisRange YRange(IEnumerable<AccuracySeries.Point> points) =>
        ValueAxisRange.Fit(points.SelectMany(p => new[] { p.Low, p.High }).Append(0.0), MinimumSpan, -1.02, 1.02);

    private static string BaselineText(StudySpec spec) =>
        string.Join("; ", spec.Sweep.Select((axis, i) => $"{SpecKeyLabels.For(axis.Key, spec)}: {spec.Points[spec.Baseline].Coordinates[i]}"));
}
