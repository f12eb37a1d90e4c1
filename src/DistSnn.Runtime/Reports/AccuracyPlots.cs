using System.Globalization;
using System.Text;
using DistSnn.Core.Study;
using DistSnn.Runtime.Storage;
using ScottPlot;
using ScottPlot.Plottables;

namespace DistSnn.Runtime.Reports;

/// <summary>
/// PNG plots of mean accuracy with its Student-t 95% confidence interval: one per swept key
/// (<c>accuracy-&lt;key&gt;.png</c>), with one line and shaded band per combination of the other swept keys' values;
/// without a sweep, one plot (<c>accuracy.png</c>) of the single point with an error bar. Text is drawn in the
/// embedded <see cref="PlotFont"/>.
/// </summary>
public static class AccuracyPlots
{
    public const int Width = 800;
    public const int Height = 500;

    /// <summary>More lines than this make an unreadable plot; the rest are left out and the title says so.</summary>
    public const int MaxSeries = 8;

    public const string SinglePointFileName = "accuracy.png";

    /// <summary>Writes the plots into <paramref name="directory"/> and returns their file names.</summary>
    public static IReadOnlyList<string> Write(string directory, StudySpec spec, IReadOnlyList<PointSummary> summaries)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        if (spec.Sweep.Count == 0)
        {
            Save(directory, SinglePointFileName, RenderSinglePoint(spec, summaries), written);
            return written;
        }
        for (int axis = 0; axis < spec.Sweep.Count; axis++)
        {
            Save(directory, FileName(spec.Sweep[axis].Key), RenderAxis(spec, axis, summaries), written);
        }
        return written;
    }

    /// <summary><c>accuracy-&lt;key&gt;.png</c>, with any character that does not belong in a file name replaced by '_'.</summary>
    public static string FileName(string key)
    {
        var name = new StringBuilder("accuracy-");
        foreach (char c in key) name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_');
        return name.Append(".png").ToString();
    }

    internal static byte[] RenderAxis(StudySpec spec, int axis, IReadOnlyList<PointSummary> summaries)
    {
        string key = spec.Sweep[axis].Key;
        var scale = new SweepAxisScale(spec.Sweep[axis]);
        IReadOnlyList<AccuracySeries> series = AccuracySeries.Split(spec, axis, scale, summaries);

        using var plot = new Plot();
        Style(plot);
        for (int i = 0; i < Math.Min(series.Count, MaxSeries); i++) AddSeries(plot, series[i], plot.Add.Palette.GetColor(i));
        string title = $"{spec.Name}: accuracy against {key}";
        if (series.Count > MaxSeries) title += $" (first {MaxSeries} of {series.Count} series)";
        plot.Title(title);
        plot.XLabel(key);
        plot.YLabel("accuracy");
        if (!scale.IsNumeric) CategoryTicks(plot, scale.Values);
        // The legend goes below the data, never over it; a single series needs none.
        if (series.Any(s => s.Label.Length > 0)) plot.ShowLegend(Edge.Bottom);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    internal static byte[] RenderSinglePoint(StudySpec spec, IReadOnlyList<PointSummary> summaries)
    {
        using var plot = new Plot();
        Style(plot);
        PointSummary? summary = summaries.FirstOrDefault(s => double.IsFinite(s.Mean));
        if (summary is not null)
        {
            AccuracySeries.Point point = AccuracySeries.PointOf(0, summary);
            Color color = plot.Add.Palette.GetColor(0);
            if (point.High > point.Low)
            {
                ErrorBar bar = plot.Add.ErrorBar([0.0], [point.Mean], [point.High - point.Mean]);
                bar.Color = color;
                bar.LineWidth = 2;
                bar.CapSize = 12;
            }
            Scatter marker = plot.Add.Scatter(new double[] { 0 }, new[] { point.Mean }, color);
            marker.MarkerSize = 9;
        }
        plot.Title(summary is null ? $"{spec.Name}: no trials"
            : double.IsFinite(summary.Ci95HalfWidth) ? $"{spec.Name}: accuracy {Text(summary.Mean)} \u00b1 {Text(summary.Ci95HalfWidth)} (95% CI, n = {summary.Trials})"
            : $"{spec.Name}: accuracy {Text(summary.Mean)} (n = {summary.Trials})");
        plot.YLabel("accuracy");
        CategoryTicks(plot, [spec.Name]);
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }

    private static string Text(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

    private static void Style(Plot plot)
    {
        PlotFont.Apply(plot);
        plot.Axes.Margins(horizontal: 0.05, vertical: 0.1);
    }

    /// <summary>A line through the means, the points marked, and the CI as a translucent band of the same colour.</summary>
    private static void AddSeries(Plot plot, AccuracySeries series, Color color)
    {
        double[] xs = series.Points.Select(p => p.X).ToArray();
        FillY band = plot.Add.FillY(xs, series.Points.Select(p => p.Low).ToArray(), series.Points.Select(p => p.High).ToArray());
        band.FillColor = color.WithAlpha(0.2);
        band.LineWidth = 0;
        Scatter line = plot.Add.Scatter(xs, series.Points.Select(p => p.Mean).ToArray(), color);
        line.LineWidth = 2;
        line.MarkerSize = 7;
        line.LegendText = series.Label;
    }

    /// <summary>Labels positions 0, 1, ... with the values, for keys whose values are not all numbers.</summary>
    private static void CategoryTicks(Plot plot, IReadOnlyList<string> values)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < values.Count; i++) ticks.AddMajor(i, values[i]);
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.SetLimitsX(-0.5, values.Count - 0.5);
    }

    private static void Save(string directory, string name, byte[] png, List<string> written)
    {
        AtomicFile.Write(Path.Combine(directory, name), png);
        written.Add(name);
    }
}
