using DistSnn.Core.Crossbar;
using DistSnn.Core.Tests.Random;

namespace DistSnn.Core.Tests.Devices;

/// <summary>
/// The pcm drift law (aihwkit PCMLikeNoiseModel) through the real programming path, against formulas written here
/// from aihwkit's code: the exponent statistics, the power law with noise off, the accumulated-noise spread.
/// Tolerances are six standard errors of the Monte Carlo estimate, so a chance failure is below 1e-8.
/// </summary>
public class PcmDriftTests
{
    private const double Gmax = 25.0, T0 = 20.0, TRead = 250e-9;

    private static CrossbarSettings Pcm(double time, PcmSettings? pcm = null) => new()
    {
        Mapping = new MappingSettings(0, Gmax),
        Time = time,
        Device = new DeviceSettings { Preset = DevicePreset.Pcm, Drift = new DriftSettings(DriftModelKind.Pcm), Pcm = pcm ?? new() },
    };

    /// <summary>nu = |mu + sd z|: a folded normal. Its mean and variance in closed form (E|X| and E X^2 = mu^2 + sd^2).</summary>
    private static (double Mean, double Std) FoldedNormal(double g)
    {
        double mu = Math.Clamp(-0.0155 * Math.Log(g) + 0.0244, 0.049, 0.1);
        double sd = Math.Clamp(-0.0125 * Math.Log(g) - 0.0059, 0.008, 0.045);
        double mean = sd * Math.Sqrt(2 / Math.PI) * Math.Exp(-mu * mu / (2 * sd * sd)) + mu * (1 - 2 * NormalCdf.Cdf(-mu / sd));
        return (mean, Math.Sqrt(mu * mu + sd * sd - mean * mean));
    }

    [Fact]
    public void Drift_exponents_have_the_clipped_mean_and_spread_at_each_conductance()
    {
        List<double>[] levels = DeviceSamples.ByLevel(Pcm(0), 3, (tile, i) => tile.NuPlus![i]);
        // g = 0.05 (neither clipped), 0.5 and 1 (both clipped at their floors, 0.049 and 0.008).
        for (int level = 0; level < levels.Length; level++)
            AssertFolded(levels[level], DeviceSamples.Fractions[level]);
        // The negative devices target 0 uS: g is clipped at 1e-7, mu and sd at their ceilings.
        var zero = new List<double>();
        for (int t = 0; t < 2; t++) zero.AddRange(DeviceSamples.Program(Pcm(0), t).NuMinus!.Select(v => (double)v));
        AssertFolded(zero, 1e-7);
    }

    private static void AssertFolded(List<double> nu, double g)
    {
        var (mean, std) = FoldedNormal(g);
        double seMean = std / Math.Sqrt(nu.Count), seStd = std / Math.Sqrt(2.0 * (nu.Count - 1));
        Assert.InRange(DeviceSamples.Mean(nu), mean - 6 * seMean, mean + 6 * seMean);
        Assert.InRange(DeviceSamples.Std(nu), std - 6 * seStd, std + 6 * seStd);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(3600.0)]
    [InlineData(1e7)]
    public void With_noise_off_a_device_follows_the_power_law_of_its_own_exponent(double time)
    {
        ProgrammedTile tile = DeviceSamples.Program(Pcm(time, new PcmSettings(NoiseScale: 0)), 0);
        double factor = (time + T0) / T0;
        for (int i = 0; i < tile.GPlus.Length; i++)
        {
            double expected = tile.ProgrammedPlus![i] * Math.Pow(factor, -tile.NuPlus![i]);
            // The stored values are floats: a few float roundings apart at most.
            Assert.Equal(expected, tile.GPlus[i], expected * 2e-6);
        }
    }

    [Fact]
    public void At_time_zero_there_is_no_drift_but_the_accumulated_noise_is_there_already()
    {
        ProgrammedTile quiet = DeviceSamples.Program(Pcm(0, new PcmSettings(NoiseScale: 0)), 0);
        Assert.Equal(quiet.ProgrammedPlus, quiet.GPlus);
        ProgrammedTile noisy = DeviceSamples.Program(Pcm(0), 0);
        Assert.NotEqual(noisy.ProgrammedPlus, noisy.GPlus);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(86400.0)]
    public void The_accumulated_noise_has_the_spread_of_its_formula(double time)
    {
        // Drift off (nu scaled to 0), so G(t) - G_prog is the noise alone: standardised by
        // |G_prog| Q_s(G_prog) sqrt(ln((t' + t_read) / (2 t_read))) it must be a standard normal.
        CrossbarSettings settings = Pcm(time, new PcmSettings(DriftScale: 0));
        double t = time + T0;
        double root = Math.Sqrt(Math.Log((t + TRead) / (2 * TRead)));
        List<double>[] levels = DeviceSamples.ByLevel(settings, 3, (tile, i) =>
        {
            double g = tile.ProgrammedPlus![i];
            double qs = Math.Min(0.0088 / Math.Max(Math.Pow(g / Gmax, 0.65), 1e-3), 0.2);
            return g > 0 ? (tile.GPlus[i] - g) / (g * qs * root) : double.NaN;
        });
        // A device the programming error clamped at 0 uS (3.5 sigma below the lowest target: a few in 10^4) has no
        // noise, |G| being 0; it is left out.
        foreach (List<double> z in levels.Select(l => l.Where(double.IsFinite).ToList()))
        {
            double se = 1 / Math.Sqrt(z.Count);
            Assert.InRange(DeviceSamples.Mean(z), -6 * se, 6 * se);
            // Float storage of G adds a relative 6e-8 / 0.05 (the smallest relative sigma) ~ 1e-6 to each value: negligible.
            Assert.InRange(DeviceSamples.Std(z), 1 - 6 * se / Math.Sqrt(2), 1 + 6 * se / Math.Sqrt(2));
        }
    }

    [Fact]
    public void The_noise_is_drawn_once_per_trial_and_time()
    {
        ProgrammedTile a = DeviceSamples.Program(Pcm(3600), 2);
        ProgrammedTile again = DeviceSamples.Program(Pcm(3600), 2);
        ProgrammedTile later = DeviceSamples.Program(Pcm(7200), 2);
        ProgrammedTile otherChip = DeviceSamples.Program(Pcm(3600), 3);
        Assert.Equal(a.GPlus, again.GPlus);
        // The chip (programming and exponents) is the same at every time; only its state at the time differs.
        Assert.Equal(a.ProgrammedPlus, later.ProgrammedPlus);
        Assert.Equal(a.NuPlus, later.NuPlus);
        Assert.NotEqual(a.GPlus, later.GPlus);
        Assert.NotEqual(a.ProgrammedPlus, otherChip.ProgrammedPlus);
    }
}
