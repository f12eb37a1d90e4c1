using DistSnn.Core.Crossbar;
using DistSnn.Core.Study;
using static DistSnn.Core.Tests.Study.SpecText;

namespace DistSnn.Core.Tests.Devices;

/// <summary>The device keys of the spec: presets and what they set, overrides, time, drift, and the errors.</summary>
public class DeviceSpecTests
{
    private static CrossbarSettings Crossbar(string yaml, params string[] sets) => Read("model: m\n" + yaml, sets).Points[0].Settings.Crossbar;

    [Fact]
    public void Without_device_keys_a_spec_runs_the_generic_model_as_before()
    {
        CrossbarSettings c = Crossbar("");
        Assert.Equal(DevicePreset.Generic, c.Device.Preset);
        Assert.Equal(new MappingSettings(0, 25), c.Mapping);
        Assert.Equal(new DriftSettings(), c.Device.Drift);
        Assert.Equal(0.0, c.Time);
        Assert.Equal(CrossbarSettings.Ideal, c);
    }

    [Fact]
    public void A_preset_sets_its_range_and_drift_and_each_is_overridable()
    {
        CrossbarSettings pcm = Crossbar("crossbar: { device: { preset: pcm } }\n");
        Assert.Equal(DriftModelKind.Pcm, pcm.Device.Drift.Model);
        Assert.Equal(new MappingSettings(0, 25), pcm.Mapping);

        CrossbarSettings rram = Crossbar("crossbar: { device: { preset: rram-hfo2 } }\n");
        Assert.Equal(DriftModelKind.RramHfo2, rram.Device.Drift.Model);
        Assert.Equal((9.0, 88.2), (rram.Mapping.Gmin, rram.Mapping.Gmax));
        Assert.Equal(2.0, rram.Device.RramHfo2.AcceptanceRange);

        CrossbarSettings own = Crossbar("crossbar: { mapping: { gmax: 50 }, device: { preset: rram-hfo2, drift: { model: none }, rram_hfo2: { acceptance_range: 0.2 } } }\n");
        Assert.Equal((9.0, 50.0), (own.Mapping.Gmin, own.Mapping.Gmax));
        Assert.Equal(DriftModelKind.None, own.Device.Drift.Model);
        Assert.Equal(0.2, own.Device.RramHfo2.AcceptanceRange);

        CrossbarSettings mixed = Crossbar("time: 3600\ncrossbar: { device: { programming: { sigma: 0.1 }, drift: { model: pcm, compensation: global }, pcm: { t0: 10, noise_scale: 0 } } }\n");
        Assert.Equal(DevicePreset.Generic, mixed.Device.Preset);
        Assert.Equal(new DriftSettings(DriftModelKind.Pcm, DriftCompensationKind.Global), mixed.Device.Drift);
        Assert.Equal(new PcmSettings(T0: 10, NoiseScale: 0), mixed.Device.Pcm);
        Assert.Equal(3600.0, mixed.Time);
    }

    [Fact]
    public void Time_and_presets_sweep_and_label()
    {
        StudySpec spec = Read("model: m\ncrossbar: { device: { preset: pcm } }\nsweep:\n  - { key: time, values: [0, 3600, 86400] }\n  - { key: crossbar.device.preset, values: [pcm, rram-hfo2] }\n");
        Assert.Equal([0.0, 0.0, 3600.0, 3600.0, 86400.0, 86400.0], spec.Points.Select(p => p.Settings.Crossbar.Time));
        Assert.Equal(25.0, spec.Points[0].Settings.Crossbar.Mapping.Gmax);
        Assert.Equal(88.2, spec.Points[1].Settings.Crossbar.Mapping.Gmax);
        Assert.Equal("time after programming (s)", SpecKeyLabels.For("time"));
        Assert.Equal("device model (preset)", SpecKeyLabels.For("crossbar.device.preset"));
    }

    [Theory]
    [InlineData("crossbar: { device: { preset: reram } }", "crossbar.device.preset (line 2)", "expected ideal, generic, pcm or rram-hfo2, got 'reram'")]
    [InlineData("crossbar: { device: { drift: { model: linear } } }", "crossbar.device.drift.model (line 2)", "expected none, pcm or rram-hfo2, got 'linear'")]
    [InlineData("crossbar: { device: { drift: { compensation: column } } }", "crossbar.device.drift.compensation (line 2)", "expected none or global, got 'column'")]
    [InlineData("crossbar: { device: { preset: rram-hfo2, rram_hfo2: { acceptance_range: 1 } } }", "crossbar.device.rram_hfo2.acceptance_range (line 2)", "expected 2 or 0.2, got 1")]
    [InlineData("time: -1", "time (line 2)", "expected a number >= 0, got -1")]
    [InlineData("crossbar: { device: { preset: pcm, pcm: { t0: 0 } } }", "crossbar.device.pcm.t0 (line 2)", "expected a number > 0, got 0")]
    [InlineData("crossbar: { device: { preset: pcm, programming: { sigma: 0.1 } } }", "crossbar.device.programming.sigma (line 2)", "acts only where crossbar.device.preset is generic, which no point of this study is")]
    [InlineData("crossbar: { device: { rram_hfo2: { acceptance_range: 0.2 } } }", "crossbar.device.rram_hfo2.acceptance_range (line 2)", "acts only where crossbar.device.preset is rram-hfo2")]
    [InlineData("crossbar: { device: { preset: rram-hfo2, pcm: { t0: 5 } } }", "crossbar.device.pcm.t0 (line 2)", "acts only where crossbar.device.drift.model is pcm")]
    [InlineData("time: 3600", "time (line 2)", "acts only with a drift model")]
    [InlineData("crossbar: { device: { preset: rram-hfo2, rram_hfo2: { levels: 1 } } }", "crossbar.device.rram_hfo2.levels (line 2)", "expected 0 or an integer in 2..65536, got 1")]
    [InlineData("crossbar: { device: { preset: rram-hfo2, rram_hfo2: { levels: 10, level_spread: -0.1 } } }", "crossbar.device.rram_hfo2.level_spread (line 2)", "expected a number >= 0, got -0.1")]
    [InlineData("crossbar: { device: { preset: pcm, rram_hfo2: { levels: 10 } } }", "crossbar.device.rram_hfo2.levels (line 2)", "acts only where crossbar.device.preset is rram-hfo2, which no point of this study is")]
    [InlineData("crossbar: { device: { rram_hfo2: { level_spread: 0.2 } } }", "crossbar.device.rram_hfo2.level_spread (line 2)", "acts only where crossbar.device.preset is rram-hfo2 and crossbar.device.rram_hfo2.levels is at least 2")]
    [InlineData("crossbar: { device: { preset: rram-hfo2, rram_hfo2: { level_spread: 0.2 } } }", "crossbar.device.rram_hfo2.level_spread (line 2)", "levels is at least 2")]
    [InlineData("crossbar: { device: { preset: rram-hfo2, rram_hfo2: { levels: 10, acceptance_range: 0.2 } } }", "crossbar.device.rram_hfo2.acceptance_range (line 2)", "levels is 0 (continuous)")]
    [InlineData("crossbar: { mapping: { levels: 16 }, device: { preset: rram-hfo2, rram_hfo2: { levels: 10 } } }", "crossbar.device.rram_hfo2.levels (line 2)", "expected crossbar.mapping.levels or crossbar.device.rram_hfo2.levels, not both")]
    [InlineData("crossbar: { device: { drift: { compensation: global } } }", "crossbar.device.drift.compensation (line 2)", "acts only with a drift model")]
    public void A_bad_device_value_names_its_key_and_what_was_expected(string line, string field, string expectation)
    {
        InputException error = Fails("model: m\n" + line + "\n");
        Assert.Equal(Origin, error.Origin);
        Assert.Equal(field, error.Field);
        Assert.Contains(expectation, error.Expectation);
    }

    [Fact]
    public void The_rram_levels_bind_and_act_at_the_rram_points_of_a_preset_sweep()
    {
        CrossbarSettings rram = Crossbar("crossbar: { device: { preset: rram-hfo2, rram_hfo2: { levels: 10 } } }\n");
        Assert.Equal(new RramHfo2Settings(Levels: 10, LevelSpread: 0.5), rram.Device.RramHfo2);
        Assert.Equal(0, Crossbar("crossbar: { device: { preset: rram-hfo2 } }\n").Device.RramHfo2.Levels);

        // Written once for a sweep over presets, the level keys act at its rram point and are accepted.
        StudySpec spec = Read("model: m\ncrossbar: { device: { rram_hfo2: { levels: 10, level_spread: 0.2 } } }\nsweep: [{ key: crossbar.device.preset, values: [generic, rram-hfo2] }]\n");
        Assert.Equal(0, spec.Points[0].Settings.Crossbar.Mapping.Levels);
        Assert.Equal(new RramHfo2Settings(Levels: 10, LevelSpread: 0.2), spec.Points[1].Settings.Crossbar.Device.RramHfo2);
        // The mapping's levels and the device's may not meet at one point, swept or not.
        InputException both = Fails("model: m\ncrossbar: { mapping: { levels: 16 }, device: { preset: rram-hfo2 } }\nsweep: [{ key: crossbar.device.rram_hfo2.levels, values: [0, 10] }]\n");
        Assert.StartsWith("crossbar.device.rram_hfo2.levels", both.Field);
        Assert.Contains("not both", both.Expectation);
    }

    [Fact]
    public void A_key_that_acts_at_some_points_of_a_sweep_is_accepted()
    {
        StudySpec spec = Read("model: m\ncrossbar: { device: { programming: { sigma: 0.1 } } }\nsweep: [{ key: crossbar.device.preset, values: [generic, pcm] }]\n");
        Assert.Equal(2, spec.Points.Count);
        InputException error = Fails("model: m\ncrossbar: { device: { preset: pcm } }\nsweep: [{ key: crossbar.device.programming.sigma, values: [0.1, 0.2] }]\n");
        Assert.StartsWith("crossbar.device.programming.sigma", error.Field);
    }
}
