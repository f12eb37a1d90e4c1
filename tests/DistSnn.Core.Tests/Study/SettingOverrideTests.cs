using DistSnn.Core.Study;
using static DistSnn.Core.Tests.Study.SpecText;

namespace DistSnn.Core.Tests.Study;

public class SettingOverrideTests
{
    private const string Spec = "model: m\ntrials: 20\ncrossbar:\n  device:\n    read: { sigma: 0.05 }\n";

    [Fact]
    public void A_set_replaces_a_nested_value()
    {
        StudySpec spec = Read(Spec, "crossbar.device.read.sigma=0.2");
        Assert.Equal(0.2, spec.Points[0].Settings.Crossbar.Device.Read.Sigma);
    }

    [Fact]
    public void A_set_creates_missing_sections_and_later_sets_win()
    {
        StudySpec spec = Read(Spec, "crossbar.tile.rows=16", "crossbar.tile.rows=8", "crossbar.adc.range=auto", "data.limit=100");

        Assert.Equal(8, spec.Points[0].Settings.Crossbar.Tile.Rows);
        Assert.Null(spec.Points[0].Settings.Crossbar.Adc.Range);
        Assert.Equal(100, spec.Data.Limit);
    }

    [Fact]
    public void A_set_on_trials_takes_an_integer_or_an_adaptive_mapping()
    {
        Assert.Equal(TrialCount.Fixed(5), Read(Spec, "trials=5").Trials);
        Assert.Equal(new TrialCount(5, 50, 0.01), Read(Spec, "trials={min: 5, max: 50, ci_halfwidth: 0.01}").Trials);
    }

    [Fact]
    public void A_set_can_replace_or_clear_the_sweep()
    {
        const string swept = "model: m\nsweep: [{ key: crossbar.faults.stuck_off, values: [0.0, 0.1] }]\n";
        Assert.Single(Read(swept, "sweep=[]").Points);
        Assert.Equal(3, Read(swept, "sweep=[{key: timesteps, values: [8, 16, 32]}]").Points.Count);
    }

    [Fact]
    public void A_set_on_a_swept_key_is_rejected()
    {
        var error = Fails("model: m\nsweep: [{ key: crossbar.device.read.sigma, values: [0.0, 0.1] }]\n", "crossbar.device.read.sigma=0.3");

        Assert.Equal("command line", error.Origin);
        Assert.Equal("--set crossbar.device.read.sigma", error.Field);
        Assert.Equal("crossbar.device.read.sigma is swept; remove it from sweep or do not --set it", error.Expectation);
    }

    [Fact]
    public void A_set_on_an_unknown_key_suggests_the_nearest()
    {
        var error = Fails(Spec, "crossbar.device.read.sigam=0.1");

        Assert.Equal("command line", error.Origin);
        Assert.Equal("--set crossbar.device.read.sigam", error.Field);
        Assert.Equal("unknown key; did you mean 'crossbar.device.read.sigma'?", error.Expectation);
    }

    [Fact]
    public void A_set_without_an_equals_sign_is_rejected()
    {
        var error = Fails(Spec, "trials");

        Assert.Equal("command line", error.Origin);
        Assert.Equal("--set", error.Field);
    }

    [Fact]
    public void A_bad_set_value_is_blamed_on_the_command_line()
    {
        var error = Fails(Spec, "crossbar.tile.rows=0");

        Assert.Equal("command line", error.Origin);
        Assert.Equal("--set crossbar.tile.rows", error.Field);
        Assert.Equal("expected an integer >= 1, got 0", error.Expectation);
    }

    [Fact]
    public void A_set_inside_a_value_that_is_not_a_mapping_is_rejected()
    {
        var error = Fails(Spec, "trials.min=5");

        Assert.Equal("--set trials.min", error.Field);
        Assert.Contains("not a mapping", error.Expectation);
    }
}
