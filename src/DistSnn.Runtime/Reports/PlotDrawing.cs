using DistSnn.Core.Study;
using ScottPlot;
using ScottPlot.Plottables;

namespace DistSnn.Runtime.Reports;

/// <summary>
/// How the report's plots look, shared by the accuracy and the difference plots so that a series has the same
/// colour, marker and band in both. Bands that overlap stay apart: each has its own colour, a translucent fill, a
/// solid outline in its colour (not dashed: Skia's SVG writer cannot dash a fill's outline and says so on stderr)
/// and, from the second on, its own hatching; markers differ too, for print in grey.
/// </summary>
internal static class PlotDrawing
{
    public const string CiLegend = "95% CI of the mean (Student t)";

    private static readonly MarkerShape[] Markers =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
        MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.OpenTriangleUp, MarkerShape.OpenDiamond,
    ];

    public static Plot Create()
    {
        var plot = new Plot();
        PlotFont.Apply(plot);
        plot.Axes.Margins(horizontal: 0.05, vertical: 0.1);
        return plot;
    }

    public static Color ColorOf(Plot plot, int index) => plot.Add.Palette.GetColor(index);

    /// <summary>The line through the means, its points marked, over its CI band; nothing for a series without points.</summary>
    /// <param name="bandLegend">The band's legend text; empty when one shared entry explains every band.</param>
    public static void AddSeries(Plot plot, AccuracySeries series, int index, string lineLegend, string bandLegend)
    {
        if (series.Points.Count == 0) return;
        Color color = ColorOf(plot, index);
        double[] xs = series.Points.Select(p => p.X).ToArray();
        if (series.Points.Any(p => p.High > p.Low))
        {
            FillY band = plot.Add.FillY(xs, series.Points.Select(p => p.Low).ToArray(), series.Points.Select(p => p.High).ToArray());
            band.FillColor = color.WithAlpha(0.12);
            band.FillHatch = HatchOf(index);
            band.FillHatchColor = color.WithAlpha(0.55);
            band.LineColor = color.WithAlpha(0.7);
            band.LineWidth = 1;
            band.LegendText = bandLegend;
        }
        Scatter line = plot.Add.Scatter(xs, series.Points.Select(p => p.Mean).ToArray(), color);
        line.LineWidth = 2;
        line.MarkerSize = 8;
        line.MarkerShape = Markers[index % Markers.Length];
        line.LegendText = lineLegend;
    }

    /// <summary>One legend entry for every band, in neutral grey: with several series a band entry each would double the legend.</summary>
    public static void AddSharedCiLegend(Plot plot) =>
        plot.Legend.ManualItems.Add(new LegendItem
        {
            LabelText = "shaded: " + CiLegend,
            FillColor = Colors.Gray.WithAlpha(0.25),
            OutlineColor = Colors.Gray,
            OutlineWidth = 1,
        });

    public static void AddReferenceLine(Plot plot, double y, string legend, Color color, LinePattern pattern)
    {
        HorizontalLine line = plot.Add.HorizontalLine(y, 1.5f, color, pattern);
        line.LegendText = legend;
    }

    /// <summary>Labels positions 0, 1, ... with the values, for keys whose values are not all numbers.</summary>
    private static void CategoryTicks(Plot plot, IReadOnlyList<string> values)
    {
        var ticks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < values.Count; i++) ticks.AddMajor(i, values[i]);
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.SetLimitsX(-0.5, values.Count - 0.5);
    }

    /// <summary>Fits x to the data (or to the categories, when there are any) and fixes y: set last, so autoscaling cannot zoom it back in.</summary>
    public static void SetLimits(Plot plot, IReadOnlyList<string>? categories, ValueAxisRange y)
    {
        plot.Axes.AutoScale();
        if (categories is not null) CategoryTicks(plot, categories);
        plot.Axes.SetLimitsY(y.Low, y.High);
    }

    /// <summary>The categories of a key whose values are not all numbers; null for a numeric axis.</summary>
    public static IReadOnlyList<string>? CategoriesOf(SweepAxisScale scale) => scale.IsNumeric ? null : scale.TickLabels;

    /// <summary>The legend goes below the data, never over it.</summary>
    public static void ShowLegend(Plot plot) => plot.ShowLegend(Edge.Bottom);

    /// <summary>"20" for a fixed trial count; "10 to 200" when the points ran different numbers.</summary>
    public static string TrialsText(IEnumerable<int> trials)
    {
        var counts = trials.Where(n => n > 0).ToList();
        if (counts.Count == 0) return "0";
        return counts.Min() == counts.Max() ? $"{counts.Min()}" : $"{counts.Min()} to {counts.Max()}";
    }

    /// <summary>The x axis' label: the key's meaning and unit from the one table of labels.</summary>
    public static string AxisLabel(StudySpec spec, int axis) => SpecKeyLabels.For(spec.Sweep[axis].Key, spec);

    private static IHatch? HatchOf(int index) => (index % 4) switch
    {
        0 => null,
        1 => new ScottPlot.Hatches.Striped(ScottPlot.Hatches.StripeDirection.DiagonalUp),
        2 => new ScottPlot.Hatches.Striped(ScottPlot.Hatches.StripeDirection.DiagonalDown),
        _ => new ScottPlot.Hatches.Dots(),
    };
}
