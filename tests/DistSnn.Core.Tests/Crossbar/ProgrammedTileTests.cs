using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Snn;
using DistSnn.Core.Trial;

namespace DistSnn.Core.Tests.Crossbar;

public class ProgrammedTileTests
{
    private static DenseLayer RandomLayer(int outputs, int inputs, int seed)
    {
        var rng = new System.Random(seed);
        var w = new float[outputs * inputs];
        for (int i = 0; i < w.Length; i++) w[i] = (float)(rng.NextDouble() * 2 - 1) * 0.3f;
        return new DenseLayer(outputs, inputs, w, null);
    }

    private static Chip ProgramOne(DenseLayer layer, CrossbarSettings settings, int trial = 0)
    {
        var model = new SnnModel([layer], new NeuronSettings(), EncoderKind.Rate, 1, ReadoutKind.SpikeCount);
        var noData = new Dataset("none", layer.Inputs, [], [], layer.Outputs);
        return Chip.Program(new TrialPlan(model, settings, noData, 5, 1), trial);
    }

    [Theory]
    [InlineData(0.0, ScaleMode.PerLayer)]
    [InlineData(2.5, ScaleMode.PerLayer)]
    [InlineData(0.0, ScaleMode.PerTile)]
    [InlineData(1.0, ScaleMode.PerTile)]
    public void Ideal_devices_give_back_every_float_weight_exactly(double gmin, ScaleMode scale)
    {
        DenseLayer layer = RandomLayer(70, 50, 1);
        var settings = new CrossbarSettings { Tile = new(16, 32), Mapping = new(gmin, 25.0, scale, 0) };
        ChipLayer chip = ProgramOne(layer, settings).Layers[0];
        Assert.Equal(4 * 3, chip.Tiles.Count);
        foreach (ProgrammedTile tile in chip.Tiles)
            for (int r = 0; r < tile.Rows; r++)
                for (int c = 0; c < tile.Cols; c++)
                    Assert.Equal(layer.Weight(tile.ColStart + c, tile.RowStart + r), tile.Weight[r * tile.Cols + c]);
    }

    [Fact]
    public void Finite_levels_put_every_device_on_a_level()
    {
        DenseLayer layer = RandomLayer(20, 20, 2);
        var settings = new CrossbarSettings { Mapping = new(1.0, 9.0, ScaleMode.PerLayer, 5) };
        ProgrammedTile tile = ProgramOne(layer, settings).Layers[0].Tiles[0];
        foreach (float g in tile.GPlus.Concat(tile.GMinus))
            Assert.Contains(g, new[] { 1f, 3f, 5f, 7f, 9f });
    }

    [Fact]
    public void Stuck_at_faults_hit_the_requested_fraction_of_devices()
    {
        DenseLayer layer = RandomLayer(128, 128, 3);
        var settings = new CrossbarSettings { Mapping = new(0.5, 25.0, ScaleMode.PerLayer, 0), Faults = new(0.1, 0.05) };
        ProgrammedTile tile = ProgramOne(layer, settings).Layers[0].Tiles[0];
        var devices = tile.GPlus.Concat(tile.GMinus).ToList();
        // Every device is stuck off (gmin), stuck on (gmax) or keeps its target; 32,768 devices, SE of a fraction ~0.002.
        double off = devices.Count(g => g == 0.5f) / (double)devices.Count;
        double on = devices.Count(g => g == 25f) / (double)devices.Count;
        // Half the devices of a differential pair target gmin anyway (the sign they do not carry).
        Assert.InRange(on, 0.05 - 0.008, 0.05 + 0.008 + 1.0 / devices.Count);
        Assert.InRange(off, 0.5 * 0.85 + 0.1 - 0.02, 0.5 * 0.85 + 0.1 + 0.05);
    }

    [Fact]
    public void A_trial_sees_the_same_programming_draws_at_every_sigma()
    {
        DenseLayer layer = RandomLayer(30, 30, 4);
        var low = new CrossbarSettings { Device = new DeviceSettings { Programming = new(NoiseModel.Proportional, 0.05) } };
        var high = new CrossbarSettings { Device = new DeviceSettings { Programming = new(NoiseModel.Proportional, 0.10) } };
        ProgrammedTile a = ProgramOne(layer, low, trial: 3).Layers[0].Tiles[0];
        ProgrammedTile b = ProgramOne(layer, high, trial: 3).Layers[0].Tiles[0];
        ProgrammedTile ideal = ProgramOne(layer, CrossbarSettings.Ideal).Layers[0].Tiles[0];
        ProgrammedTile otherTrial = ProgramOne(layer, low, trial: 4).Layers[0].Tiles[0];
        int compared = 0;
        for (int i = 0; i < ideal.GPlus.Length; i++)
        {
            if (ideal.GPlus[i] == 0 || a.GPlus[i] == 0 || b.GPlus[i] == 0) continue;
            double zLow = (a.GPlus[i] / ideal.GPlus[i] - 1) / 0.05;
            double zHigh = (b.GPlus[i] / ideal.GPlus[i] - 1) / 0.10;
            Assert.InRange(zHigh - zLow, -1e-4, 1e-4);
            compared++;
        }
        Assert.True(compared > 100);
        Assert.NotEqual(a.GPlus, otherTrial.GPlus);
    }
}
