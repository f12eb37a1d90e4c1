using DistSnn.Core.Study;
using DistSnn.Runtime.Reports;
using ScottPlot;
using ScottPlot.Plottables;
using SkiaSharp;

namespace DistSnn.Runtime.Tests.Reports;

public class AccuracyPlotsTests
{
    private static readonly AccuracyReferences References = new(0.9531, 0.9616);

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
    public void The_demo_gets_one_plot_per_swept_key_each_as_png_and_svg()
    {
        using var directory = new TempDirectory();
        StudySpec spec = SyntheticResults.Demo();

        IReadOnlyList<string> files = AccuracyPlots.Write(directory.Path, spec, SyntheticResults.Summaries(spec, 20), References);

        Assert.Equal(["accuracy-crossbar.device.read.sigma.png", "accuracy-crossbar.faults.stuck_off.png"], files);
        AssertPlots(directory, files);
    }

    [Fact]
    public void The_svg_names_the_axes_by_meaning_and_unit_and_labels_the_ci_and_the_reference_lines()
    {
        using var directory = new TempDirectory();
        StudySpec spec = SyntheticResults.Demo();

        AccuracyPlots.Write(directory.Path, spec, SyntheticResults.Summaries(spec, 20), References);

        string svg = File.ReadAllText(directory.File("accuracy-crossbar.device.read.sigma.svg"));
        Assert.Contains("read noise σ (relative)", svg);
        Assert.Contains("stuck-at-off probability: 0.03", svg);
        Assert.Contains("95% CI of the mean", svg);
        Assert.Contains("ideal devices (computed): 0.9531", svg);
        Assert.Contains("software ANN (model metadata): 0.9616", svg);
        Assert.DoesNotContain("crossbar.device.read.sigma", svg);
    }

    [Fact]
    public void One_series_has_its_band_in_the_legend_and_several_share_one_ci_entry()
    {
        StudySpec one = SyntheticResults.Read("model: m\nsweep: [{ key: crossbar.device.read.sigma, values: [0, 0.1, 0.2] }]\n");
        using Plot single = AccuracyPlots.RenderAxis(one, 0, SyntheticResults.Summaries(one, 10), AccuracyReferences.None);
        Assert.Equal(PlotDrawing.CiLegend, Assert.Single(single.GetPlottables<FillY>()).LegendText);
        Assert.Empty(single.Legend.ManualItems);

        StudySpec demo = SyntheticResults.Demo();
        using Plot several = AccuracyPlots.RenderAxis(demo, 0, SyntheticResults.Summaries(demo, 10), AccuracyReferences.None);
        Assert.All(several.GetPlottables<FillY>(), band => Assert.Equal("", band.LegendText));
        Assert.Contains(PlotDrawing.CiLegend, Assert.Single(several.Legend.ManualItems).LabelText);
    }

    [Fact]
    public void Overlapping_bands_differ_in_colour_hatching_and_have_outlines()
    {
        StudySpec spec = SyntheticResults.Demo();
        using Plot plot = AccuracyPlots.RenderAxis(spec, 0, SyntheticResults.Summaries(spec, 20), AccuracyReferences.None);

        var bands = plot.GetPlottables<FillY>().ToList();

        Assert.Equal(3, bands.Count);
        Assert.Equal(3, bands.Select(b => b.FillColor).Distinct().Count());
        Assert.Equal(3, bands.Select(b => b.FillHatch?.GetType().Name + (b.FillHatch as ScottPlot.Hatches.Striped)?.StripeDirection).Distinct().Count());
        Assert.All(bands, b => Assert.True(b.FillColor.Alpha < 128, "a band must let the others show through"));
        Assert.All(bands, b => Assert.True(b.LineWidth > 0, "a band needs an outline"));
    }

    [Fact]
    public void The_y_axis_includes_the_reference_lines()
    {
        StudySpec spec = SyntheticResults.Demo();
        var references = new AccuracyReferences(0.99, 0.2);
        using Plot plot = AccuracyPlots.RenderAxis(spec, 0, SyntheticResults.Summaries(spec, 20), references);

        plot.GetImageBytes(AccuracyPlots.Width, AccuracyPlots.Height, ImageFormat.Png);
        AxisLimits limits = plot.Axes.GetLimits();

        Assert.True(limits.Bottom < 0.2 && limits.Top > 0.99, $"y axis {limits.Bottom}..{limits.Top}");
        Assert.Equal(2, plot.GetPlottables<HorizontalLine>().Count());
    }

    [Fact]
    public void A_change_within_the_ci_does_not_fill_the_y_axis()
    {
        // Two points 0.002 apart with CIs of +-0.001: the axis still spans 10 percentage points.
        ValueAxisRange range = AccuracyPlots.YRange([new(0, 0.950, 0.949, 0.951), new(1, 0.948, 0.947, 0.949)], AccuracyReferences.None);

        Assert.Equal(AccuracyPlots.MinimumSpan, range.Span, 9);
        Assert.True(range.Low < 0.947 && range.High > 0.951);
    }

    [Fact]
    public void A_study_without_a_sweep_gets_one_plot_of_its_point()
    {
        using var directory = new TempDirectory();
        StudySpec spec = SyntheticResults.Read("name: single\nmodel: builtin:digits-mlp\ntrials: 20\n");

        IReadOnlyList<string> files = AccuracyPlots.Write(directory.Path, spec, SyntheticResults.Summaries(spec, 20), References);

        Assert.Equal(["accuracy.png"], files);
        AssertPlots(directory, files);
        Assert.Contains("ideal devices (computed)", File.ReadAllText(directory.File("accuracy.svg")));
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

        IReadOnlyList<string> files = StudyPlots.Write(directory.Path, spec, summaries, References);

        AssertPlots(directory, files);
    }

    [Fact]
    public void One_series_per_combination_of_the_other_axes_in_grid_order_named_by_their_labels()
    {
        StudySpec spec = SyntheticResults.Demo();
        IReadOnlyList<PointSummary> summaries = SyntheticResults.Summaries(spec, 20);

        IReadOnlyList<AccuracySeries> series = AccuracySeries.Split(spec, 0, new SweepAxisScale(spec.Sweep[0]), summaries, AccuracySeries.AccuracyOf);

        Assert.Equal(["stuck-at-off probability: 0", "stuck-at-off probability: 0.03", "stuck-at-off probability: 0.1"], series.Select(s => s.Label));
        Assert.All(series, s => Assert.Equal([0.0, 0.25, 0.5, 1.0], s.Points.Select(p => p.X)));
        Assert.All(series.SelectMany(s => s.Points), p => Assert.True(p.Low < p.Mean && p.Mean < p.High));
    }

    [Fact]
    public void A_series_whose_points_have_no_trials_keeps_its_place_so_colours_match_across_plots()
    {
        StudySpec spec = SyntheticResults.Demo();
        var summaries = SyntheticResults.Summaries(spec, 5)
            .Select(s => s.Coordinates[1] == "0" ? PointSummary.Of(s.Point, s.Coordinates, []) : s).ToList();

        IReadOnlyList<AccuracySeries> series = AccuracySeries.Split(spec, 0, new SweepAxisScale(spec.Sweep[0]), summaries, AccuracySeries.AccuracyOf);

        Assert.Equal(3, series.Count);
        Assert.Empty(series[0].Points);
        Assert.Equal(4, series[1].Points.Count);
    }

    [Fact]
    public void Several_other_axes_are_named_by_their_labels()
    {
        StudySpec spec = SyntheticResults.Read("""
            model: builtin:digits-mlp
            sweep:
              - { key: crossbar.faults.stuck_off, values: [0, 0.01] }
              - { key: crossbar.device.read.sigma, values: [0, 0.1] }
              - { key: crossbar.device.programming.sigma, values: [0.05] }
            """);

        IReadOnlyList<AccuracySeries> series = AccuracySeries.Split(spec, 0, new SweepAxisScale(spec.Sweep[0]), SyntheticResults.Summaries(spec, 3), AccuracySeries.AccuracyOf);

        Assert.Equal([
            "read noise σ (relative): 0; programming noise σ (relative): 0.05",
            "read noise σ (relative): 0.1; programming noise σ (relative): 0.05",
        ], series.Select(s => s.Label));
    }

    [Fact]
    public void A_single_axis_gives_one_unlabelled_series()
    {
        StudySpec spec = SyntheticResults.Read("model: m\nsweep: [{ key: crossbar.mapping.scale, values: [per-layer, per-tile] }]\n");
        var scale = new SweepAxisScale(spec.Sweep[0]);

        AccuracySeries series = Assert.Single(AccuracySeries.Split(spec, 0, scale, SyntheticResults.Summaries(spec, 4), AccuracySeries.AccuracyOf));

        Assert.False(scale.IsNumeric);
        Assert.Equal("", series.Label);
        Assert.Equal([0.0, 1.0], series.Points.Select(p => p.X));
    }

    [Fact]
    public void A_key_whose_zero_means_off_is_categorical_when_zero_is_swept()
    {
        var bits = new SweepAxisScale(new SweepAxis("crossbar.adc.bits", ["0", "3", "8"]));
        var someBits = new SweepAxisScale(new SweepAxis("crossbar.adc.bits", ["3", "8"]));
        var sigma = new SweepAxisScale(new SweepAxis("crossbar.device.read.sigma", ["0", "0.1"]));

        Assert.False(bits.IsNumeric);
        Assert.Equal(["0 (ideal)", "3", "8"], bits.TickLabels);
        Assert.Equal((1.0, 1), bits.Position("3"));
        Assert.True(someBits.IsNumeric);
        Assert.True(sigma.IsNumeric);
        Assert.Equal("continuous", SpecKeyLabels.ZeroMeaning("crossbar.mapping.levels"));
    }

    [Theory]
    [InlineData("crossbar.device.read.sigma", "accuracy-crossbar.device.read.sigma.png")]
    [InlineData("a b/c\\d:e", "accuracy-a_b_c_d_e.png")]
    public void File_names_keep_only_safe_characters(string key, string expected) =>
        Assert.Equal(expected, AccuracyPlots.FileName(key));

    internal static void AssertPlots(TempDirectory directory, IReadOnlyList<string> files)
    {
        foreach (string file in files)
        {
            Assert.Equal((AccuracyPlots.Width, AccuracyPlots.Height), PngFile.Size(File.ReadAllBytes(directory.File(file))));
            string svg = File.ReadAllText(directory.File(Path.ChangeExtension(file, ".svg")));
            Assert.Contains("<svg", svg);
            Assert.Contains($"width=\"{AccuracyPlots.Width}\"", svg);
        }
        Assert.Empty(Directory.GetFiles(directory.Path, "*.tmp"));
    }

    /// <summary>The font file a typeface was made from, as Skia hands it back.</summary>
    private static byte[] FontFile(SKTypeface face)
    {
        using SKStreamAsset stream = face.OpenStream(out _);
        var bytes = new byte[stream.Length];
        Assert.Equal(bytes.Length, stream.Read(bytes, bytes.Length));
        return bytes;
    }
}
