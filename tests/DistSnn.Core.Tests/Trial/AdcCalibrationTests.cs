using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Engine;
using DistSnn.Core.Models;
using DistSnn.Core.Snn;
using DistSnn.Core.Study;
using DistSnn.Core.Tests.Study;
using DistSnn.Core.Trial;

namespace DistSnn.Core.Tests.Trial;

/// <summary>
/// <c>crossbar.adc.range: calibrated</c> on the built-in digits network and data: each tile's range is the chosen
/// percentile of the |column currents| the ideal network gives on the calibration samples.
/// </summary>
public class AdcCalibrationTests
{
    private const int CalibrationSamples = 40;

    // 32 x 32 tiles: the 64-64-10 network has 2 x 2 tiles in layer 0 and 2 x 1 in layer 1.
    private static string Spec(string adc) => $$"""
        name: calibration
        seed: 3
        model: builtin:digits-mlp
        data: { source: digits, split: test, limit: 30 }
        timesteps: 12
        crossbar:
          tile: { rows: 32, cols: 32 }
          adc: { {{adc}} }
        trials: 1
        """;

    private static readonly SnnModel Model = BuiltinModels.Load("digits-mlp", "test");

    private static TrialPlan Plan(string adc)
    {
        StudySpec spec = SpecText.Read(Spec(adc));
        return TrialPlan.ForPoint(spec, 0, Model, DataLoader.Load(spec.Data, null, spec.Origin));
    }

    private static double RangeOf(TrialPlan plan, int layer, int index)
    {
        TileGrid grid = plan.Grids[layer];
        return plan.ProgramTile(0, layer, index / grid.TileCols, index % grid.TileCols).Adc!.Value.Range;
    }

    /// <summary>
    /// Each tile's |column currents| on the calibration samples, computed apart from the tile kernel and the
    /// recorder: the ideal engine gives each tile's row inputs (the ideal network's spikes), and the currents are
    /// summed here in double from the layer's float weights.
    /// </summary>
    private sealed class IndependentCurrents(SnnModel model) : ITileReadObserver
    {
        public Dictionary<(int Layer, int Index), List<double>> Seen { get; } = new();

        public bool Wants(int step) => true;

        public void TileRead(ProgrammedTile tile, in ReadKey first, int samples, ReadOnlySpan<float> inputs, ReadOnlySpan<float> partials, ReadOnlySpan<float> variances)
        {
            DenseLayer layer = model.Layers[tile.Layer];
            if (!Seen.TryGetValue((tile.Layer, tile.Index), out List<double>? seen)) Seen[(tile.Layer, tile.Index)] = seen = [];
            for (int s = 0; s < samples; s++)
                for (int c = 0; c < tile.Cols; c++)
                {
                    double current = 0;
                    for (int r = 0; r < tile.Rows; r++) current += inputs[s * tile.Rows + r] * (double)layer.Weight(tile.ColStart + c, tile.RowStart + r);
                    seen.Add(Math.Abs(current));
                }
        }

        /// <summary>Nearest rank: the smallest value at least <paramref name="percentile"/> % of them do not exceed.</summary>
        public double Percentile(int layer, int index, double percentile)
        {
            List<double> sorted = [.. Seen[(layer, index)].Order()];
            int rank = Math.Max(1, (int)Math.Ceiling((decimal)percentile * sorted.Count / 100m));
            return sorted[rank - 1];
        }
    }

    [Theory]
    [InlineData(99.9, 1000, 999)]
    [InlineData(100.0, 1000, 1000)]
    [InlineData(50.0, 3, 2)]
    [InlineData(0.1, 1000, 1)]
    [InlineData(0.01, 1000, 1)]
    [InlineData(99.0, 200, 198)]
    public void The_nearest_rank_is_exact_where_the_product_is_a_whole_number(double percentile, long count, long rank) =>
        Assert.Equal(rank, TileCurrentRecorder.NearestRank(percentile, count));

    private static IndependentCurrents Independent(TrialPlan plan)
    {
        // The first samples of the built-in train split, run at another batch size than the calibration's.
        Dataset samples = BuiltinDatasets.Digits("train").Slice(0, CalibrationSamples);
        var currents = new IndependentCurrents(plan.Model);
        new ReferenceEngine(plan.Model, IdealDeviceAccuracy.IdealOf(plan.Crossbar), plan.Seed, batch: 7).RunTrial(AdcCalibration.Trial, samples, observer: currents);
        return currents;
    }

    [Theory]
    [InlineData(100.0)]
    [InlineData(99.0)]
    public void Each_tiles_range_is_the_percentile_of_its_ideal_column_currents_on_the_train_samples(double percentile)
    {
        TrialPlan plan = Plan($"bits: 5, range: calibrated, calibration: {{ samples: {CalibrationSamples}, percentile: {percentile} }}");
        IndependentCurrents currents = Independent(plan);
        Assert.Equal(CalibrationSamples, plan.AdcCalibration!.Samples);
        for (int l = 0; l < plan.Layers; l++)
            for (int i = 0; i < plan.Grids[l].Count; i++)
            {
                double expected = currents.Percentile(l, i, percentile);
                Assert.True(expected > 0, $"tile {l}.{i} saw no current");
                Assert.Equal(expected, RangeOf(plan, l, i), expected * 1e-5);
            }
    }

    [Fact]
    public void A_lower_percentile_gives_a_smaller_range_somewhere_and_never_a_larger_one()
    {
        TrialPlan max = Plan($"bits: 5, range: calibrated, calibration: {{ samples: {CalibrationSamples} }}");
        TrialPlan p99 = Plan($"bits: 5, range: calibrated, calibration: {{ samples: {CalibrationSamples}, percentile: 99 }}");
        var pairs = Enumerable.Range(0, max.Layers).SelectMany(l => Enumerable.Range(0, max.Grids[l].Count).Select(i => (RangeOf(max, l, i), RangeOf(p99, l, i)))).ToList();
        Assert.All(pairs, p => Assert.True(p.Item2 <= p.Item1));
        Assert.Contains(pairs, p => p.Item2 < p.Item1);
    }

    [Fact]
    public void Calibrated_ranges_are_at_most_the_automatic_ones()
    {
        TrialPlan calibrated = Plan($"bits: 5, range: calibrated, calibration: {{ samples: {CalibrationSamples} }}");
        TrialPlan auto = Plan("bits: 5");
        for (int l = 0; l < calibrated.Layers; l++)
            for (int i = 0; i < calibrated.Grids[l].Count; i++)
                Assert.True(RangeOf(calibrated, l, i) <= RangeOf(auto, l, i), $"tile {l}.{i}");
        // On a sparse spiking input the worst case is far off: the first layer's tiles use well under half of it.
        Assert.True(RangeOf(calibrated, 0, 0) < 0.5 * RangeOf(auto, 0, 0));
    }

    [Fact]
    public void At_percentile_100_the_calibration_samples_themselves_never_clip()
    {
        Dataset samples = BuiltinDatasets.Digits("train").Slice(0, CalibrationSamples);
        // Layer 0's inputs are the encoder's, the calibration's own: no read of it can clip, even at 5 bits.
        TrialPlan coarse = Plan($"bits: 5, range: calibrated, calibration: {{ samples: {CalibrationSamples} }}");
        TrialResult result = ReferenceEngine.Run(coarse.WithData(samples, 16), AdcCalibration.Trial);
        Assert.True(result.AdcConversions > 0);
        Assert.Equal(0, result.Counters[0, ChipCounter.AdcClipped]);
        // At 16 bits the quantisation changes no spike downstream, so no layer clips.
        TrialPlan fine = Plan($"bits: 16, range: calibrated, calibration: {{ samples: {CalibrationSamples} }}");
        Assert.Equal(0, ReferenceEngine.Run(fine.WithData(samples, 16), AdcCalibration.Trial).AdcClipped);
        // Below 100 the rare largest currents clip.
        TrialPlan p99 = Plan($"bits: 5, range: calibrated, calibration: {{ samples: {CalibrationSamples}, percentile: 99 }}");
        Assert.True(ReferenceEngine.Run(p99.WithData(samples, 16), AdcCalibration.Trial).Counters[0, ChipCounter.AdcClipped] > 0);
    }

    [Fact]
    public void Study_data_calibrates_on_the_first_samples_of_the_study_and_caps_at_their_count()
    {
        TrialPlan plan = Plan("bits: 5, range: calibrated, calibration: { data: study, samples: 500 }");
        Assert.Equal(30, plan.AdcCalibration!.Samples);
        var currents = new IndependentCurrents(plan.Model);
        new ReferenceEngine(plan.Model, IdealDeviceAccuracy.IdealOf(plan.Crossbar), plan.Seed, batch: 4).RunTrial(AdcCalibration.Trial, plan.Data, observer: currents);
        for (int l = 0; l < plan.Layers; l++)
            for (int i = 0; i < plan.Grids[l].Count; i++)
                Assert.Equal(currents.Percentile(l, i, 100), RangeOf(plan, l, i), currents.Percentile(l, i, 100) * 1e-5);
    }

    [Fact]
    public void The_study_batch_does_not_change_a_range_and_knocked_out_or_sliced_plans_share_the_calibration()
    {
        TrialPlan plan = Plan($"bits: 5, range: calibrated, calibration: {{ samples: {CalibrationSamples} }}");
        StudySpec spec = SpecText.Read(Spec($"bits: 5, range: calibrated, calibration: {{ samples: {CalibrationSamples} }}"), "batch=3");
        TrialPlan batch3 = TrialPlan.ForPoint(spec, 0, Model, plan.Data);
        TrialPlan knocked = plan.WithFaults(plan.Crossbar.Faults with { KnockedOut = new TileAddress(1, 0) });
        for (int l = 0; l < plan.Layers; l++)
            for (int i = 0; i < plan.Grids[l].Count; i++)
            {
                Assert.Equal(RangeOf(plan, l, i), RangeOf(batch3, l, i));
                Assert.Equal(RangeOf(plan, l, i), RangeOf(knocked, l, i));
            }
        Assert.Same(plan.AdcCalibration, knocked.AdcCalibration);
        Assert.Same(plan.AdcCalibration, plan.WithData(plan.Data.Slice(3, 1), 1).AdcCalibration);
    }

    [Fact]
    public void Without_an_adc_nothing_is_calibrated()
    {
        // Written without an ADC, a range would convert nothing: refused, as every key that acts nowhere.
        InputException e = Assert.Throws<InputException>(() => Plan("bits: 0, range: calibrated"));
        Assert.Contains("crossbar.adc.range", e.Message);
        Assert.Contains("with an ADC", e.Message);
        Assert.Null(Plan("bits: 5").AdcCalibration);
    }
}
