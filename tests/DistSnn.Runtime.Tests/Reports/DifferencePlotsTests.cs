using DistSnn.Core.Study;
using DistSnn.Runtime.Reports;
using ScottPlot;
using ScottPlot.Plottables;

namespace DistSnn.Runtime.Tests.Reports;

public class DifferencePlotsTests
{
    [Fact]
    public void Every_swept_key_gets_a_difference_plot_after_the_accuracy_plots()
    {
        using var directory = new TempDirectory();
        StudySpec spec = SyntheticResults.Demo();

        IReadOnlyList<string> files = StudyPlots.Write(directory.Path, spec, SyntheticResults.Summaries(spec, 20), AccuracyReferences.None);

        Assert.Equal([
            "accuracy-crossbar.device.read.sigma.png", "accuracy-crossbar.faults.stuck_off.png",
            "difference-crossbar.device.read.sigma.png", "difference-crossbar.faults.stuck_off.png",
        ], files);
        AccuracyPlotsTests.AssertPlots(directory, files);
        string svg = File.ReadAllText(directory.File("difference-crossbar.device.read.sigma.svg"));
        Assert.Contains("baseline (point 0)", svg);
        Assert.Contains("the baseline is point 0, read noise σ (relative): 0; stuck-at-off probability: 0", svg);
        Assert.Contains("paired", svg);
    }

    [Fact]
    public void A_study_without_a_sweep_has_no_difference_to_plot()
    {
        using var directory = new TempDirectory();
        StudySpec spec = SyntheticResults.Read("model: m\n");

        Assert.Equal(["accuracy.png"], StudyPlots.Write(directory.Path, spec, SyntheticResults.Summaries(spec, 5), AccuracyReferences.None));
    }

    [Fact]
    public void The_points_are_the_paired_differences_with_their_ci()
    {
        StudySpec spec = SyntheticResults.Demo();
        IReadOnlyList<PointSummary> summaries = SyntheticResults.Summaries(spec, 20);

        var series = AccuracySeries.Split(spec, 0, new SweepAxisScale(spec.Sweep[0]), summaries, AccuracySeries.DifferenceOf);

        PairedDifference d = summaries[5].PairedDifference!;
        AccuracySeries.Point point = series[2].Points[1];
        Assert.Equal((d.Mean, d.Ci95Low, d.Ci95High), (point.Mean, point.Low, point.High));
        Assert.Equal(0.0, series[0].Points[0].Mean);
    }

    [Fact]
    public void The_y_axis_includes_zero_and_spans_at_least_two_points()
    {
        ValueAxisRange small = DifferencePlots.YRange([new(0, -0.004, -0.005, -0.003)]);
        Assert.True(small.Low < -0.005 && small.High > 0, $"{small}");
        Assert.Equal(DifferencePlots.MinimumSpan, small.Span, 9);

        StudySpec spec = SyntheticResults.Demo();
        using Plot plot = DifferencePlots.RenderAxis(spec, 0, SyntheticResults.Summaries(spec, 20));
        plot.GetImageBytes(AccuracyPlots.Width, AccuracyPlots.Height, ImageFormat.Png);
        Assert.Equal(0.0, Assert.Single(plot.GetPlottables<HorizontalLine>()).Y);
        Assert.True(plot.Axes.GetLimits().Top > 0);
    }

    [Theory]
    [InlineData(new[] { 0.5, 0.6 }, 0.1, 0.0, 1.0, 0.492, 0.608)]
    [InlineData(new[] { 0.99, 1.0 }, 0.1, 0.0, 1.0, 0.9, 1.0)]
    [InlineData(new[] { 0.0, 0.001 }, 0.1, 0.0, 1.0, 0.0, 0.1)]
    [InlineData(new double[0], 0.1, 0.0, 1.0, 0.0, 1.0)]
    public void A_value_range_has_a_margin_a_minimum_span_and_stays_inside_its_bounds(double[] values, double span, double floor, double ceiling, double low, double high)
    {
        ValueAxisRange range = ValueAxisRange.Fit(values, span, floor, ceiling);

        Assert.Equal(low, range.Low, 9);
        Assert.Equal(high, range.High, 9);
    }
}
