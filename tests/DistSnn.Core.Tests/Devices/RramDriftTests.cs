using DistSnn.Core.Crossbar;

namespace DistSnn.Core.Tests.Devices;

/// <summary>
/// The rram-hfo2 time law (aihwkit ReRamCMONoiseModel) through the real programming path, against formulas
/// written here from aihwkit's code: the log-time relaxation (mean shift and spread) with read noise off, the read
/// noise with relaxation off, and nothing at t = 0. The three targets (24.8, 48.6, 88.2 uS on the preset's range)
/// are compared where no clipping at gmin/gmax acts: the top level sits at gmax and is left out. Six standard
/// errors, as for the other models.
/// </summary>
public class RramDriftTests
{
    private const double Gmin = 9.0, Gmax = 88.2, TRead = 1e-6;

    private static CrossbarSettings Rram(double time, RramHfo2Settings? rram = null) => new()
    {
        Mapping = new MappingSettings(Gmin, Gmax),
        Time = time,
        Device = new DeviceSettings { Preset = DevicePreset.RramHfo2, Drift = new DriftSettings(DriftModelKind.RramHfo2), RramHfo2 = rram ?? new() },
    };

    [Theory]
    [InlineData(1.0)]
    [InlineData(3600.0)]
    [InlineData(86400.0)]
    public void Relaxation_shifts_and_spreads_the_conductance_with_log_time(double time)
    {
        double shift = -0.08900206 * Math.Log(time), spread = Math.Abs(0.04201137 * Math.Log(time) + 0.41183342);
        List<double>[] levels = DeviceSamples.ByLevel(Rram(time, new RramHfo2Settings(NoiseScale: 0)), 3,
            (tile, i) => tile.GPlus[i] - tile.ProgrammedPlus![i]);
        foreach (List<double> d in levels.Take(2))
        {
            double se = spread / Math.Sqrt(d.Count);
            Assert.InRange(DeviceSamples.Mean(d), shift - 6 * se, shift + 6 * se);
            Assert.InRange(DeviceSamples.Std(d), spread - 6 * se / Math.Sqrt(2), spread + 6 * se / Math.Sqrt(2));
        }
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(86400.0)]
    public void Read_noise_at_time_t_has_the_spread_of_its_formula(double time)
    {
        double root = Math.Sqrt(Math.Log((time + TRead) / (2 * TRead)));
        List<double>[] levels = DeviceSamples.ByLevel(Rram(time, new RramHfo2Settings(DriftScale: 0)), 3, (tile, i) =>
        {
            double g = tile.ProgrammedPlus![i];
            return (tile.GPlus[i] - g) / (0.0277316483 * Math.Log10(g) * root);
        });
        foreach (List<double> z in levels.Take(2))
        {
            double se = 1 / Math.Sqrt(z.Count);
            Assert.InRange(DeviceSamples.Mean(z), -6 * se, 6 * se);
            Assert.InRange(DeviceSamples.Std(z), 1 - 6 * se / Math.Sqrt(2), 1 + 6 * se / Math.Sqrt(2));
        }
    }

    [Fact]
    public void At_time_zero_the_conductance_is_the_programmed_one_and_later_it_stays_in_range()
    {
        ProgrammedTile now = DeviceSamples.Program(Rram(0), 0);
        Assert.Equal(now.ProgrammedPlus, now.GPlus);
        Assert.Null(now.NuPlus);
        ProgrammedTile later = DeviceSamples.Program(Rram(1e6), 0);
        Assert.All(later.GPlus.Concat(later.GMinus), g => Assert.InRange(g, (float)Gmin, (float)Gmax));
    }
}
