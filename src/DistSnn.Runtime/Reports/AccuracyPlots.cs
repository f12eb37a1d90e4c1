using System.Globalization;
using DistSnn.Core.Study;
using ScottPlot;
using ScottPlot.Plottables;

namespace DistSnn.Runtime.Reports;

/// <summary>
/// Plots of mean accuracy with its Student-t 95% confidence interval, each as PNG and SVG (<see cref="PlotFiles"/>):
/// one per swept key (<c>accuracy-&lt;key&gt;.png</c>), with one line and band per combination of the other swept
/// keys' values; without a sweep, one plot (<c>accuracy.png</c>) of the single point with an error bar. The
/// ideal-device and software accuracies are reference lines, and the y axis always shows them.
/// </summary>
public static class AccuracyPlots
{
    public const int Width = PlotFiles.Width;
    public const int Height = PlotFiles.Height;

    /// <summary>More lines than this make an unreadable plot; the rest are left out and the title says so.</summary>
    public const int MaxSeries = 8;

    public const string SinglePointFileName = "accuracy.png";

    /// <summary>The least accuracy range the y axis spans: 10 percentage points.</summary>
    public const double MinimumSpan = 0.1;

    public const string YLabel = "accuracy (fraction of samples correct)";

    /// <summary>Writes the plots into <paramref name="directory"/> and returns the PNG files' names.</summary>
    public static IReadOnlyList<string> Write(string directory, StudySpec spec, IReadOnlyList<PointSummary> summaries,
        AccuracyReferences? references = null)
    {
        references ??= AccuracyReferences.None;
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        if (spec.Sweep.Count == 0)
        {
            using Plot single = RenderSinglePoint(spec, summaries, references);
            PlotFiles.Save(directory, SinglePointFileName, single, written);
            return written;
        }
        for (int axis = 0; axis < spec.Sweep.Count; axis++)
        {
            using Plot plot = RenderAxis(spec, axis, summaries, references);
            PlotFiles.Save(directory, FileName(spec.Sweep[axis].Key), plot, written);
        }
        return written;
    }

    /// <summary><c>accuracy-&lt;key&gt;.png</c>, with any character that does not belong in a file name replaced by '_'.</summary>
    public static string FileName(string key) => PlotFiles.KeyFileName("accuracy", key);

    internal static Plot RenderAxis(StudySpec spec, int axis, IReadOnlyList<PointSummary> summaries, AccuracyReferences references)
    {
        var scale = new SweepAxisScale(spec.Sweep[axis]);
        IReadOnlyList<AccuracySeries> series = AccuracySeries.Split(spec, axis, scale, summaries, AccuracySeries.AccuracyOf);
        var shown = series.Take(MaxSeries).ToList();

        Plot plot = PlotDrawing.Create();
        bool several = shown.Count > 1;
        for (int i = 0; i < shown.Count; i++)
            PlotDrawing.AddSeries(plot, shown[i], i, several ? shown[i].Label : "mean accuracy", several ? "" : PlotDrawing.CiLegend);
        if (several) PlotDrawing.AddSharedCiLegend(plot);
        AddReferenceLines(plot, references);

        string title = $"{spec.Name}: mean accuracy over {PlotDrawing.TrialsText(summaries.Select(s => s.Trials))} virtual chips per point";
        if (series.Count > MaxSeries) title += $" (first {MaxSeries} of {series.Count} series)";
        plot.Title(title);
        plot.XLabel(PlotDrawing.AxisLabel(spec, axis));
        plot.YLabel(YLabel);
        PlotDrawing.SetLimits(plot, PlotDrawing.CategoriesOf(scale), YRange(shown.SelectMany(s => s.Points), references));
        PlotDrawing.ShowLegend(plot);
        return plot;
    }

    internal static Plot RenderSinglePoint(StudySpec spec, IReadOnlyList<PointSummary> summaries, AccuracyReferences references)
    {
        Plot plot = PlotDrawing.Create();
        PointSummary? summary = summaries.FirstOrDefault(s => double.IsFinite(s.Mean));
        AccuracySeries.Point? point = summary is null ? null : AccuracySeries.AccuracyOf(0, summary);
        if (point is not null)
        {
            Color color = PlotDrawing.ColorOf(plot, 0);
            if (point.High > point.Low)
            {
                ErrorBar bar = plot.Add.ErrorBar([0.0], [point.Mean], [point.High - point.Mean]);
                bar.Color = color;
                bar.LineWidth = 2;
                bar.CapSize = 12;
                bar.LegendText = PlotDrawing.CiLegend;
            }
            Scatter marker = plot.Add.Scatter(new double[] { 0 }, new[] { point.Mean }, color);
            marker.MarkerSize = 9;
            marker.LegendText = "mean accuracy";
        }
        AddReferenceLines(plot, references);
        plot.Title(summary is null ? $"{spec.Name}: no trials"
            : double.IsFinite(summary.Ci95HalfWidth) ? $"{spec.Name}: accuracy {Text(summary.Mean)} \u00b1 {Text(summary.Ci95HalfWidth)} (95% CI, n = {summary.Trials})"
            : $"{spec.Name}: accuracy {Text(summary.Mean)} (n = {summary.Trials})");
        plot.YLabel(YLabel);
        PlotDrawing.SetLimits(plot, [spec.Name],
            YRange(point is null ? [] : [point], references));
        PlotDrawing.ShowLegend(plot);
        return plot;
    }

    /// <summary>Every CI end and reference line, at least <see cref="MinimumSpan"/>, within [0, 1] (a little beyond, so a marker at 1 is whole).</summary>
    internal static ValueAxisRange YRange(IEnumerable<AccuracySeries.Point> points, AccuracyReferences references) =>
        ValueAxisRange.Fit(points.SelectMany(p => new[] { p.Low, p.High }).Concat(references.Values), MinimumSpan, -0.02, 1.02);

    private static void AddReferenceLines(Plot plot, AccuracyReferences references)
    {
        foreach (var (value, legend, isIdeal) in references.Lines)
        {
            PlotDrawing.AddReferenceLine(plot, value, legend, isIdeal ? Colors.Black : Colors.DimGray,
                isIdeal ? LinePattern.Dashed : LinePattern.Dotted);
        }
    }

    private static string Text(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
