using DistSnn.Core.Study;
using DistSnn.Runtime.Reports;
using ScottPlot;
using SkiaSharp;

namespace DistSnn.Runtime.Tests.Reports;

public class AccuracyPlotsTests
{
    [Theory]
    [InlineData(false, EmbeddedFontResolver.RegularResource)]
    [InlineData(true, EmbeddedFontResolver.BoldResource)]
    public void Plot_text_is_drawn_in_the_embedded_font_ahead_of_any_installed_one(bool bold, string resource)
    {
        using var plot = new Plot();
        PlotFont.Apply(plot);

        // What ScottPlot draws the plot's title in comes from the assembly's own font file, asked before the system's.
        Assert.Equal(PlotFont.Family, plot.Axes.Title.Label.FontName);
        Assert.Same(PlotFont.Resolver, Fonts.FontResolvers[0]);
        SKTypeface face = Fonts.GetTypeface(PlotFont.Family, bold, italic: false);
        Assert.Equal("DejaVu Sans", face.FamilyName);
        Assert.Equal(bold, face.IsBold);
        Assert.Equal(EmbeddedFontResolver.ReadResource(resource), FontFile(face));
    }

    [Fact]
    public void The_embedded_font_needs_no_installed_font_and_carries_its_licence()
    {
        // The resolver alone, without ScottPlot's system resolver behind it: what a machine without fonts gets.
        using SKTypeface? face = PlotFont.Resolver.CreateTypeface(PlotFont.Family, bold: false, italic: false);
        Assert.NotNull(face);
        Assert.True(face.ContainsGlyphs("accuracy \u00b1 95% CI \u03c3"), "the embedded face lacks glyphs plots use");
        Assert.Null(PlotFont.Resolver.CreateTypeface("Some Other Family", bold: false, italic: false));

        string licence = System.Text.Encoding.UTF8.GetString(EmbeddedFontResolver.ReadResource("DistSnn.Runtime.Reports.Fonts.LICENSE"));
        Assert.Contains("Bitstream Vera", licence);
        Assert.Contains("Permission is hereby granted", licence);
    }

    [Fact]
    public void The_demo_gets_one_plot_per_swept_key()
    {
        using var directory = new TempDirectory();
        StudySpec spec = SyntheticResults.Demo();

        IReadOnlyList<string> files = AccuracyPlots.Write(directory.Path, spec, SyntheticResults.Summaries(spec, 20));

        Assert.Equal(["accuracy-crossbar.device.read.sigma.png", "accuracy-crossbar.faults.stuck_off.png"], files);
        AssertPlots(directory, files);
    }

    [Fact]
    public void A_study_without_a_sweep_gets_one_plot_of_its_point()
    {
        using var directory = new TempDirectory();
        StudySpec spec = SyntheticResults.Read("name: single\nmodel: builtin:digits-mlp\ntrials: 20\n");

        IReadOnlyList<string> files = AccuracyPlots.Write(directory.Path, spec, SyntheticResults.Summaries(spec, 20));

        Assert.Equal(["accuracy.png"], files);
        AssertPlots(directory, files);
    }

    [Fact]
    public void A_key_with_text_values_gets_a_categorical_axis()
    {
        using var directory = new TempDirectory();
        StudySpec spec = SyntheticResults.Read("""
            name: scale
            model: builtin:digits-mlp
            sweep:
              - { key: crossbar.mapping.scale, values: [per-layer, per-tile] }
            """);

        IReadOnlyList<string> files = AccuracyPlots.Write(directory.Path, spec, SyntheticResults.Summaries(spec, 10));

        Assert.Equal(["accuracy-crossbar.mapping.scale.png"], files);
        AssertPlots(directory, files);
    }

    [Fact]
    public void Two_axes_one_of_them_mixed_text_and_numbers()
    {
        using var directory = new TempDirectory();
        StudySpec spec = SyntheticResults.Read("""
            name: adc
            model: builtin:digits-mlp
            sweep:
              - { key: crossbar.adc.range, values: [auto, 2, 4] }
              - { key: crossbar.adc.bits, values: [0, 4, 6, 8] }
            """);

        IReadOnlyList<string> files = AccuracyPlots.Write(directory.Path, spec, SyntheticResults.Summaries(spec, 10));

        Assert.Equal(["accuracy-crossbar.adc.range.png", "accuracy-crossbar.adc.bits.png"], files);
        AssertPlots(directory, files);
    }

    [Fact]
    public void More_combinations_than_fit_still_plot()
    {
        using var directory = new TempDirectory();
        StudySpec spec = SyntheticResults.Read("""
            name: many
            model: builtin:digits-mlp
            sweep:
              - { key: crossbar.device.read.sigma, values: [0, 0.1, 0.2] }
              - { key: crossbar.faults.stuck_off, values: [0, 0.01, 0.02, 0.05] }
              - { key: crossbar.faults.stuck_on, values: [0, 0.01, 0.02] }
            """);

        IReadOnlyList<string> files = AccuracyPlots.Write(directory.Path, spec, SyntheticResults.Summaries(spec, 5));

        Assert.Equal(3, files.Count);
        AssertPlots(directory, files);
    }

    [Fact]
    public void Points_with_one_trial_or_none_do_not_break_a_plot()
    {
        using var directory = new TempDirectory();
        StudySpec spec = SyntheticResults.Demo();
        var summaries = SyntheticResults.Summaries(spec, 1).Select(s => s.Point % 2 == 0 ? s : PointSummary.Of(s.Point, s.Coordinates, [])).ToList();

        IReadOnlyList<string> files = AccuracyPlots.Write(directory.Path, spec, summaries);

        AssertPlots(directory, files);
    }

    [Fact]
    public void One_series_per_combination_of_the_other_axes_in_grid_order()
    {
        StudySpec spec = SyntheticResults.Demo();
        IReadOnlyList<PointSummary> summaries = SyntheticResults.Summaries(spec, 20);

        IReadOnlyList<AccuracySeries> series = AccuracySeries.Split(spec, 0, new SweepAxisScale(spec.Sweep[0]), summaries);

        Assert.Equal(["crossbar.faults.stuck_off=0", "crossbar.faults.stuck_off=0.03", "crossbar.faults.stuck_off=0.1"], series.Select(s => s.Label));
        Assert.All(series, s => Assert.Equal([0.0, 0.25, 0.5, 1.0], s.Points.Select(p => p.X)));
        Assert.All(series.SelectMany(s => s.Points), p => Assert.True(p.Low < p.Mean && p.Mean < p.High));
    }

    [Fact]
    public void Several_other_axes_are_named_by_the_tails_that_tell_them_apart()
    {
        StudySpec spec = SyntheticResults.Read("""
            model: builtin:digits-mlp
            sweep:
              - { key: crossbar.faults.stuck_off, values: [0, 0.01] }
              - { key: crossbar.device.read.sigma, values: [0, 0.1] }
              - { key: crossbar.device.programming.sigma, values: [0.05] }
            """);

        IReadOnlyList<AccuracySeries> series = AccuracySeries.Split(spec, 0, new SweepAxisScale(spec.Sweep[0]), SyntheticResults.Summaries(spec, 3));

        Assert.Equal(["read.sigma=0, programming.sigma=0.05", "read.sigma=0.1, programming.sigma=0.05"], series.Select(s => s.Label));
    }

    [Fact]
    public void A_single_axis_gives_one_unlabelled_series()
    {
        StudySpec spec = SyntheticResults.Read("model: m\nsweep: [{ key: crossbar.mapping.scale, values: [per-layer, per-tile] }]\n");
        var scale = new SweepAxisScale(spec.Sweep[0]);

        AccuracySeries series = Assert.Single(AccuracySeries.Split(spec, 0, scale, SyntheticResults.Summaries(spec, 4)));

        Assert.False(scale.IsNumeric);
        Assert.Equal("", series.Label);
        Assert.Equal([0.0, 1.0], series.Points.Select(p => p.X));
    }

    [Theory]
    [InlineData("crossbar.device.read.sigma", "accuracy-crossbar.device.read.sigma.png")]
    [InlineData("a b/c\\d:e", "accuracy-a_b_c_d_e.png")]
    public void File_names_keep_only_safe_characters(string key, string expected) =>
        Assert.Equal(expected, AccuracyPlots.FileName(key));

    /// <summary>The font file a typeface was made from, as Skia hands it back.</summary>
    private static byte[] FontFile(SKTypeface face)
    {
        using SKStreamAsset stream = face.OpenStream(out _);
        var bytes = new byte[stream.Length];
        Assert.Equal(bytes.Length, stream.Read(bytes, bytes.Length));
        return bytes;
    }

    private static void AssertPlots(TempDirectory directory, IReadOnlyList<string> files)
    {
        foreach (string file in files)
        {
            Assert.Equal((AccuracyPlots.Width, AccuracyPlots.Height), PngFile.Size(File.ReadAllBytes(directory.File(file))));
        }
        Assert.Empty(Directory.GetFiles(directory.Path, "*.tmp"));
    }
}
