using DistSnn.Core.Study;
using DistSnn.Runtime.Reports;

namespace DistSnn.Runtime.Tests.Reports;

public class SpecYamlTests
{
    [Theory]
    [InlineData("model: builtin:digits-mlp\n")]
    [InlineData("model: ../nets/my net.safetensors\ndata: { source: csv, path: 'data/x: y #1.csv' }\ntrials: { min: 5, max: 50, ci_halfwidth: 0.01 }\n")]
    [InlineData("model: m\ncrossbar: { adc: { bits: 6 } }\nsweep:\n  - { key: crossbar.adc.range, values: [auto, 2.5] }\n  - { key: neuron.reset, values: [zero, subtract] }\nbaseline: 3\n")]
    [InlineData("model: m\ncrossbar:\n  overrides:\n    - { layer: 1, tiles: [3, 0], set: { crossbar.device.preset: pcm, time: 3.6e3 } }\n    - { layer: 0, set: { crossbar.adc.bits: 5, crossbar.adc.range: 2.50 } }\n")]
    public void Read_back_it_is_the_same_study(string yaml)
    {
        StudySpec spec = SyntheticResults.Read(yaml);

        StudySpec again = SyntheticResults.Read(SpecYaml.Format(spec));

        Assert.Equal(spec.CanonicalText, again.CanonicalText);
        Assert.Equal(spec.Placement, again.Placement);
        Assert.Equal(spec.IdealReference, again.IdealReference);
    }

    [Fact]
    public void The_demo_is_nested_in_the_schemas_order_with_its_sweep_and_trials_as_a_spec_writes_them()
    {
        string yaml = SpecYaml.Format(SyntheticResults.Demo());

        Assert.StartsWith("format: distsnn-study/1\nname: demo\nseed: 1\nmodel: builtin:digits-mlp\ndata:\n  source: digits\n", yaml);
        Assert.Contains("\ncrossbar:\n  tile:\n    rows: 32\n    cols: 32\n  mapping:\n", yaml);
        Assert.Contains("\n    read:\n      model: proportional\n      sigma: 0   # swept: see sweep\n", yaml);
        Assert.Contains("\n    stuck_off: 0   # swept: see sweep\n    stuck_on: 0\n", yaml);
        Assert.Contains("\ntrials: 20\nsweep:\n  - { key: crossbar.device.read.sigma, values: [0, 0.25, 0.5, 1] }\n  - { key: crossbar.faults.stuck_off, values: [0, 0.03, 0.1] }\n", yaml);
        Assert.Contains("\nreport:\n  ideal_reference: true\n", yaml);
        Assert.DoesNotContain("=", yaml);
    }

    [Theory]
    [InlineData("builtin:digits-mlp", "builtin:digits-mlp")]
    [InlineData("0.25", "0.25")]
    [InlineData("a: b", "'a: b'")]
    [InlineData("x #y", "'x #y'")]
    [InlineData("it's", "'it''s'")]
    [InlineData("null", "'null'")]
    [InlineData("[1]", "'[1]'")]
    [InlineData("", "''")]
    public void A_scalar_is_quoted_only_when_yaml_would_read_it_otherwise(string value, string written) =>
        Assert.Equal(written, SpecYaml.Scalar(value));
}
