using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Trial;

namespace DistSnn.Core.Tests.Crossbar;

/// <summary>Column offsets (per chip) and output noise (per read), fractions of a tile's full scale, before the ADC.</summary>
public class ColumnPeripheryTests
{
    private const int Batch = 64;
    private static readonly Dataset Images = TestData.FashionMnistTest(Batch);

    private static float[] Read(CrossbarSettings chip, int trial, int step, out ProgrammedTile tile, float[]? variances = null)
    {
        TrialPlan plan = new(TestData.SharedModel, chip, Images, 7, Batch);
        tile = plan.ProgramTile(trial, 0, 3, 1);
        var all = new ulong[Batch * PackedSpikes.WordsFor(plan.Model.Inputs)];
        ReadKey first = plan.FirstKey(trial, 0, step);
        EncoderStep.Spikes(plan, 0, Batch, first, all);
        var spikes = new ulong[Batch * PackedSpikes.WordsFor(tile.Rows)];
        PackedSpikes.CopyBatch(all, plan.Model.Inputs, tile.RowStart, spikes, tile.Rows, 0, tile.Rows, Batch);
        var currents = new float[Batch * tile.Cols];
        new TileStep(tile.Rows, tile.Cols, Batch).Run(tile, spikes, Batch, first, currents, variances ?? default);
        return currents;
    }

    [Fact]
    public void Offsets_are_fixed_per_chip_with_the_stated_spread_and_output_noise_is_redrawn_per_read()
    {
        var ideal = new CrossbarSettings();
        const double offset = 0.02, noise = 0.03;
        float[] clean = Read(ideal, 1, 2, out ProgrammedTile tile);
        // The tile's full scale with an ideal ADC: its largest ideal column current with every input at 1.
        double fullScale = Enumerable.Range(0, tile.Cols).Max(c =>
        {
            double plus = 0, minus = 0;
            for (int r = 0; r < tile.Rows; r++)
            {
                float w = TestData.SharedModel.Layers[0].Weight(tile.ColStart + c, tile.RowStart + r);
                if (w > 0) plus += w; else minus -= w;
            }
            return Math.Max(plus, minus);
        });

        float[] shifted = Read(ideal with { Periphery = new(Offset: offset) }, 1, 2, out ProgrammedTile withOffsets);
        var o = withOffsets.Periphery!.Offsets.ToArray();
        Assert.Equal(tile.Cols, o.Length);
        for (int s = 0; s < Batch; s++)
            for (int c = 0; c < tile.Cols; c++) Assert.Equal(clean[s * tile.Cols + c] + o[c], shifted[s * tile.Cols + c]);
        // The same chip at another step keeps its offsets; another chip has others.
        Read(ideal with { Periphery = new(Offset: offset) }, 1, 5, out ProgrammedTile again);
        Assert.Equal(o, again.Periphery!.Offsets.ToArray());
        Read(ideal with { Periphery = new(Offset: offset) }, 2, 2, out ProgrammedTile other);
        Assert.NotEqual(o, other.Periphery!.Offsets.ToArray());
        double spread = Math.Sqrt(o.Select(x => (double)x * x).Average());
        // 128 offsets: the spread's relative standard error is about 6%.
        Assert.InRange(spread / (offset * fullScale), 0.8, 1.2);

        float[] noisy = Read(ideal with { Periphery = new(OutputNoise: noise) }, 1, 2, out _);
        double[] z = noisy.Zip(clean, (n, c) => (n - (double)c) / (noise * fullScale)).ToArray();
        Assert.InRange(z.Average(), -0.05, 0.05);
        Assert.InRange(Math.Sqrt(z.Select(x => x * x).Average()), 0.95, 1.05);
        Assert.NotEqual(noisy, Read(ideal with { Periphery = new(OutputNoise: noise) }, 1, 3, out _));
    }

    [Fact]
    public void A_tile_that_defers_its_read_noise_gives_the_output_noise_as_variance()
    {
        var chip = new CrossbarSettings { Device = new DeviceSettings { Read = new(NoiseModel.Proportional, 0.05) } };
        float[] before = new float[Batch * 128], after = new float[Batch * 128];
        Read(chip, 1, 2, out ProgrammedTile tile, before);
        Assert.True(tile.DefersReadNoise);
        Read(chip with { Periphery = new(OutputNoise: 0.01) }, 1, 2, out ProgrammedTile noisy, after);
        float v = noisy.Periphery!.OutputSigma * noisy.Periphery.OutputSigma;
        for (int i = 0; i < Batch * tile.Cols; i++) Assert.Equal(before[i] + v, after[i]);
    }
}
