using DistSnn.Core.Crossbar;
using DistSnn.Core.Random;
using DistSnn.Core.Snn;

namespace DistSnn.Core.Tests.Devices;

/// <summary>
/// The rram-hfo2 preset's discrete levels through the real programming path, against closed forms written here:
/// every target snaps to the nearest of N levels equally spaced on [gmin, gmax], and the devices of a level spread
/// around it with sigma = level_spread G_level. The layer's 120 columns take the weight fractions c / 119 (no
/// fraction lies within 1/238 of a step of a midpoint between two levels, so rounding cannot flip), each column
/// 128 devices a trial. The spreads are small enough that clamping at 0 uS never acts (more than 9 sigma), so each
/// level's mean and standard deviation are compared within six standard errors. With levels 0 the model is
/// today's, bit for bit.
/// </summary>
public class RramLevelsTests
{
    private const int Rows = DeviceSamples.Rows, Cols = DeviceSamples.Cols, Trials = 4;
    private const uint Seed = 11; // DeviceSamples' TrialPlan seed.

    private static readonly DenseLayer Ramp = RampLayer();

    private static DenseLayer RampLayer()
    {
        var w = new float[Cols * Rows];
        for (int o = 0; o < Cols; o++)
            for (int i = 0; i < Rows; i++)
                w[o * Rows + i] = (float)o / (Cols - 1);
        return new DenseLayer(Cols, Rows, w, null);
    }

    private static CrossbarSettings Rram(double gmin, double gmax, RramHfo2Settings rram, double time = 0) => new()
    {
        Mapping = new MappingSettings(gmin, gmax),
        Time = time,
        Device = new DeviceSettings { Preset = DevicePreset.RramHfo2, Drift = new DriftSettings(DriftModelKind.RramHfo2), RramHfo2 = rram },
    };

    /// <summary>The level (0 .. levels-1) column <paramref name="c"/>'s target is nearest to.</summary>
    private static int NearestLevel(int c, int levels) => (int)Math.Round(Ramp.Weight(c, 0) * (double)(levels - 1), MidpointRounding.ToEven);

    private static double Level(double gmin, double gmax, int levels, int k) => gmin + (gmax - gmin) * k / (levels - 1);

    [Theory]
    [InlineData(10, 0.1, 9.0, 88.2)]
    [InlineData(4, 0.05, 2.0, 40.0)]
    public void Devices_cluster_at_the_levels_with_the_stated_relative_spread(int levels, double spread, double gmin, double gmax)
    {
        CrossbarSettings settings = Rram(gmin, gmax, new RramHfo2Settings(Levels: levels, LevelSpread: spread));
        var byLevel = Enumerable.Range(0, levels).Select(_ => new List<double>()).ToArray();
        for (int t = 0; t < Trials; t++)
        {
            ProgrammedTile tile = DeviceSamples.Program(settings, t, Ramp);
            for (int r = 0; r < Rows; r++)
                for (int c = 0; c < Cols; c++)
                    byLevel[NearestLevel(c, levels)].Add(tile.GPlus[r * Cols + c]);
        }
        for (int k = 0; k < levels; k++)
        {
            List<double> g = byLevel[k];
            Assert.True(g.Count >= 2000, $"level {k} has {g.Count} devices");
            double level = Level(gmin, gmax, levels, k), sigma = spread * level;
            double se = sigma / Math.Sqrt(g.Count);
            // Plus float rounding of the stored conductance.
            Assert.InRange(DeviceSamples.Mean(g), level - 6 * se - 1e-5 * level, level + 6 * se + 1e-5 * level);
            double relativeSe = 1 / Math.Sqrt(2.0 * (g.Count - 1));
            Assert.InRange(DeviceSamples.Std(g) / sigma, 1 - 6 * relativeSe, 1 + 6 * relativeSe);
        }
    }

    [Fact]
    public void With_no_spread_every_target_lands_on_its_nearest_level()
    {
        const int levels = 10;
        const double gmin = 9.0, gmax = 88.2, step = (gmax - gmin) / (levels - 1);
        foreach (RramHfo2Settings rram in new[] { new RramHfo2Settings(Levels: levels, LevelSpread: 0), new RramHfo2Settings(ProgrammingScale: 0, Levels: levels) })
        {
            ProgrammedTile tile = DeviceSamples.Program(Rram(gmin, gmax, rram), 0, Ramp);
            for (int c = 0; c < Cols; c++)
            {
                double target = gmin + (gmax - gmin) * Ramp.Weight(c, 0);
                double level = Level(gmin, gmax, levels, NearestLevel(c, levels));
                Assert.True(Math.Abs(target - level) <= step / 2, $"column {c}: target {target}, level {level}");
                for (int r = 0; r < Rows; r++)
                {
                    Assert.Equal((float)level, tile.GPlus[r * Cols + c]);
                    Assert.Equal((float)gmin, tile.GMinus[r * Cols + c]);
                }
            }
        }
    }

    [Fact]
    public void Levels_zero_is_the_continuous_model_bit_for_bit()
    {
        const double gmin = 9.0, gmax = 88.2, c0 = 0.0112185391, c1 = 0.01129027418;
        // The continuous law from the programming stream, written out: max(0, G + (c0 + c1 G) z).
        ProgrammedTile now = DeviceSamples.Program(Rram(gmin, gmax, new RramHfo2Settings(LevelSpread: 0.3)), 1, Ramp);
        RandomStream programming = DrawKey.Chip(Seed, 1, RandomScope.Programming, 0, 0).Stream();
        var z = new float[2 * Cols];
        for (int r = 0; r < Rows; r++)
        {
            programming.FillNormal(z, ProgrammedTile.DeviceElement(r, 0, Cols, 0));
            for (int c = 0; c < Cols; c++)
            {
                double target = gmin + (gmax - gmin) * Ramp.Weight(c, r);
                Assert.Equal((float)Math.Max(0.0, target + (c0 + c1 * target) * z[2 * c]), now.GPlus[r * Cols + c]);
                Assert.Equal((float)Math.Max(0.0, gmin + (c0 + c1 * gmin) * z[2 * c + 1]), now.GMinus[r * Cols + c]);
            }
        }

        // And with drift: the default settings and levels 0 with another spread give the same tile.
        ProgrammedTile standard = DeviceSamples.Program(Rram(gmin, gmax, new RramHfo2Settings(), 3600), 2, Ramp);
        ProgrammedTile zero = DeviceSamples.Program(Rram(gmin, gmax, new RramHfo2Settings(Levels: 0, LevelSpread: 0.9), 3600), 2, Ramp);
        Assert.Equal(standard.GPlus, zero.GPlus);
        Assert.Equal(standard.GMinus, zero.GMinus);
        Assert.Equal(standard.ProgrammedPlus, zero.ProgrammedPlus);
    }

    [Fact]
    public void Relaxation_acts_on_the_level_programmed_conductance()
    {
        // With the level spread and read noise off, G(t) - G_prog is the relaxation alone: its mean shift at t.
        const double time = 86400;
        CrossbarSettings settings = Rram(9.0, 88.2, new RramHfo2Settings(NoiseScale: 0, Levels: 10, LevelSpread: 0), time);
        ProgrammedTile tile = DeviceSamples.Program(settings, 0, Ramp);
        var d = new List<double>();
        for (int r = 0; r < Rows; r++)
            for (int c = 0; c < Cols; c++)
                if (NearestLevel(c, 10) is > 0 and < 9) d.Add(tile.GPlus[r * Cols + c] - tile.ProgrammedPlus![r * Cols + c]);
        double shift = -0.08900206 * Math.Log(time), spread = Math.Abs(0.04201137 * Math.Log(time) + 0.41183342);
        double se = spread / Math.Sqrt(d.Count);
        Assert.InRange(DeviceSamples.Mean(d), shift - 6 * se, shift + 6 * se);
    }
}
