using DistSnn.Core.Study;
using static DistSnn.Core.Tests.Study.SpecText;

namespace DistSnn.Core.Tests.Study;

public class SpecKeyLabelsTests
{
    [Fact]
    public void Every_sweepable_key_has_a_label()
    {
        var missing = SpecSchema.Keys.Where(k => k.Sweepable && !SpecKeyLabels.Table.ContainsKey(k.Path)).Select(k => k.Path).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Every_label_belongs_to_a_sweepable_key()
    {
        var stale = SpecKeyLabels.Table.Keys.Where(k => SpecSchema.Find(k) is not { Sweepable: true }).ToList();

        Assert.Empty(stale);
    }

    [Theory]
    [InlineData("crossbar.device.read.sigma", "read noise σ (relative)")]
    [InlineData("crossbar.faults.stuck_off", "stuck-at-off probability")]
    [InlineData("crossbar.mapping.gmin", "g_min (µS)")]
    [InlineData("crossbar.adc.bits", "ADC resolution (bits, 0 = ideal)")]
    public void Labels_say_what_a_key_means_and_its_unit(string key, string label) =>
        Assert.Equal(label, SpecKeyLabels.For(key));

    [Fact]
    public void A_key_without_an_entry_is_shown_as_written() =>
        Assert.Equal("some.future.key", SpecKeyLabels.For("some.future.key"));

    [Fact]
    public void A_noise_sigma_takes_the_unit_of_its_noise_model()
    {
        StudySpec additive = Read("model: m\ncrossbar: { device: { read: { model: additive } } }\n");
        StudySpec mixed = Read("model: m\nsweep: [{ key: crossbar.device.programming.model, values: [proportional, additive] }]\n");

        Assert.Equal("read noise σ (µS)", SpecKeyLabels.For("crossbar.device.read.sigma", additive));
        Assert.Equal("programming noise σ (relative)", SpecKeyLabels.For("crossbar.device.programming.sigma", additive));
        Assert.Equal("programming noise σ (relative or µS, per point)", SpecKeyLabels.For("crossbar.device.programming.sigma", mixed));
        // An override that reads its tiles' noise under the other model counts too.
        StudySpec tiles = Read("model: m\ncrossbar: { overrides: [{ layer: 0, set: { crossbar.device.read.model: additive } }] }\n");
        Assert.Equal("read noise σ (relative or µS, per point)", SpecKeyLabels.For("crossbar.device.read.sigma", tiles));
    }
}
