using DistSnn.Core.Crossbar;

namespace DistSnn.Core.Tests.Devices;

/// <summary>
/// Every preset's programming error reproduces its sigma(G) curve at three conductances, by Monte Carlo through
/// the real programming path: 4 trials give n = 20,480 devices per target. The sample standard deviation of n
/// normals has a relative standard error of 1/sqrt(2(n - 1)) = 0.49 %; the tolerance is 3 % (six standard
/// errors), far from a chance failure and far below the change of any coefficient by a tenth. The mean must stay
/// at the target within six standard errors of a mean (no clamping happens this far above 0 uS). The closed
/// forms are written here from the sources, not taken from the device classes.
/// </summary>
public class ProgrammingSigmaTests
{
    private const int Trials = 4;
    private const double RelativeTolerance = 0.03;

    public static TheoryData<string> Presets => new() { "generic-proportional", "generic-additive", "pcm", "pcm-gmax-40", "rram-2", "rram-0.2" };

    private static (CrossbarSettings Settings, Func<double, double> Sigma) Case(string name) => name switch
    {
        "generic-proportional" => (new CrossbarSettings { Device = new DeviceSettings { Programming = new(NoiseModel.Proportional, 0.08) } }, g => 0.08 * g),
        "generic-additive" => (new CrossbarSettings { Device = new DeviceSettings { Programming = new(NoiseModel.Additive, 0.4) } }, _ => 0.4),
        // aihwkit PCMLikeNoiseModel: (0.26348 + 1.9650 g - 1.1731 g^2) gmax / 25, g = G / gmax.
        "pcm" => (With(DevicePreset.Pcm, new MappingSettings(0, 25)), g => Pcm(g, 25)),
        "pcm-gmax-40" => (With(DevicePreset.Pcm, new MappingSettings(0, 40)), g => Pcm(g, 40)),
        // aihwkit ReRamCMONoiseModel: c0 + c1 G, G in uS.
        "rram-2" => (With(DevicePreset.RramHfo2, new MappingSettings(9, 88.2)), g => 0.0112185391 + 0.01129027418 * g),
        "rram-0.2" => (With(DevicePreset.RramHfo2, new MappingSettings(9, 88.2), rram: new RramHfo2Settings(AcceptanceRange: 0.2)), g => 0.00081107 + 0.00106879 * g),
        _ => throw new ArgumentException(name),
    };

    private static double Pcm(double g, double gmax) => (0.26348 + 1.9650 * (g / gmax) - 1.1731 * (g / gmax) * (g / gmax)) * gmax / 25;

    private static CrossbarSettings With(DevicePreset preset, MappingSettings mapping, PcmSettings? pcm = null, RramHfo2Settings? rram = null) =>
        new() { Mapping = mapping, Device = new DeviceSettings { Preset = preset, Pcm = pcm ?? new(), RramHfo2 = rram ?? new() } };

    [Theory]
    [MemberData(nameof(Presets))]
    public void Sigma_of_the_programmed_conductance_follows_the_closed_form_at_three_targets(string name)
    {
        var (settings, sigma) = Case(name);
        List<double>[] levels = DeviceSamples.ByLevel(settings, Trials, (tile, i) => tile.GPlus[i]);
        for (int level = 0; level < levels.Length; level++)
        {
            double target = DeviceSamples.Target(settings.Mapping, level);
            double expected = sigma(target);
            double std = DeviceSamples.Std(levels[level]);
            Assert.InRange(std / expected, 1 - RelativeTolerance, 1 + RelativeTolerance);
            // Six standard errors of the mean, plus float rounding of the stored conductance.
            double se = expected / Math.Sqrt(levels[level].Count);
            Assert.InRange(DeviceSamples.Mean(levels[level]), target - 6 * se - 1e-5 * target, target + 6 * se + 1e-5 * target);
        }
    }

    [Fact]
    public void The_ideal_preset_programs_every_device_to_its_target()
    {
        var settings = new CrossbarSettings { Device = new DeviceSettings { Preset = DevicePreset.Ideal, Programming = new(NoiseModel.Proportional, 0.5) } };
        List<double>[] levels = DeviceSamples.ByLevel(settings, 1, (tile, i) => tile.GPlus[i]);
        for (int level = 0; level < levels.Length; level++)
            Assert.All(levels[level], g => Assert.Equal((float)DeviceSamples.Target(settings.Mapping, level), (float)g));
    }

    [Fact]
    public void The_programming_scale_multiplies_the_sigma()
    {
        CrossbarSettings settings = With(DevicePreset.Pcm, new MappingSettings(0, 25), pcm: new PcmSettings(ProgrammingScale: 0.5));
        List<double>[] levels = DeviceSamples.ByLevel(settings, Trials, (tile, i) => tile.GPlus[i]);
        double target = DeviceSamples.Target(settings.Mapping, 1);
        Assert.InRange(DeviceSamples.Std(levels[1]) / (0.5 * Pcm(target, 25)), 1 - RelativeTolerance, 1 + RelativeTolerance);
    }
}
