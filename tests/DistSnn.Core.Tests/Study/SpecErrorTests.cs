using DistSnn.Core.Study;
using static DistSnn.Core.Tests.Study.SpecText;

namespace DistSnn.Core.Tests.Study;

public class SpecErrorTests
{
    [Theory]
    [InlineData("model: m\ncrossbar:\n  devise: {}\n", "crossbar.devise (line 3)", "did you mean 'crossbar.device'?")]
    [InlineData("model: m\ntrails: 5\n", "trails (line 2)", "did you mean 'trials'?")]
    [InlineData("model: m\ntrials: { min: 2, max: 5, ci_half_width: 0.1 }\n", "trials.ci_half_width (line 2)", "did you mean 'trials.ci_halfwidth'?")]
    public void An_unknown_key_suggests_the_nearest_known_key(string yaml, string field, string suggestion)
    {
        var error = Fails(yaml);

        Assert.Equal(Origin, error.Origin);
        Assert.Equal(field, error.Field);
        Assert.Equal($"unknown key; {suggestion}", error.Expectation);
    }

    [Fact]
    public void An_unknown_key_far_from_any_lists_the_keys_at_its_level()
    {
        var error = Fails("model: m\ncrossbar: { wires: 3 }\n");

        Assert.Equal("crossbar.wires (line 2)", error.Field);
        Assert.Equal("unknown key; valid keys in crossbar: tile, mapping, device, faults, adc, periphery, dac, ir_drop, overrides", error.Expectation);
    }

    [Theory]
    [InlineData("model: m\ncrossbar: { tile: { rows: 32 }\nseed: 2\n", 3)]
    [InlineData("model: m\ncrossbar: [1, 2\nseed: 2\n", 3)]
    [InlineData("model: m\ncrossbar:\n\ttile: 1\n", 3)]
    [InlineData("model: m\nx:\n  - 1\n  y: 2\n", 4)]
    public void Malformed_yaml_is_reported_with_a_line(string yaml, int line)
    {
        var error = Fails(yaml);

        Assert.Equal(Origin, error.Origin);
        Assert.Matches($@"^line {line}, column \d+$", error.Field);
        Assert.StartsWith("malformed YAML", error.Expectation);
    }

    [Fact]
    public void A_missing_model_is_required()
    {
        var error = Fails("seed: 3\n");
        Assert.Equal("model", error.Field);
        Assert.StartsWith("required", error.Expectation);
    }

    [Fact]
    public void A_negative_sigma_is_rejected()
    {
        var error = Fails("model: m\ncrossbar:\n  device:\n    programming: { sigma: -0.1 }\n");

        Assert.Equal("crossbar.device.programming.sigma (line 4)", error.Field);
        Assert.Equal("expected a number >= 0, got -0.1", error.Expectation);
    }

    [Fact]
    public void A_tile_of_zero_rows_is_rejected()
    {
        var error = Fails("model: m\ncrossbar:\n  tile: { rows: 0 }\n");

        Assert.Equal("crossbar.tile.rows (line 3)", error.Field);
        Assert.Equal("expected an integer >= 1, got 0", error.Expectation);
    }

    [Fact]
    public void Stuck_off_and_stuck_on_may_not_exceed_one_together()
    {
        var error = Fails("model: m\ncrossbar:\n  faults:\n    stuck_off: 0.6\n    stuck_on: 0.5\n");

        Assert.Equal("crossbar.faults.stuck_on (line 5)", error.Field);
        Assert.Equal("expected stuck_off + stuck_on <= 1, got 0.6 + 0.5", error.Expectation);
    }

    [Theory]
    [InlineData("seed: -1", "seed (line 2)", "expected an integer >= 0, got -1")]
    [InlineData("seed: 4294967296", "seed (line 2)", "expected an integer <= 4294967295")]
    [InlineData("batch: abc", "batch (line 2)", "expected an integer in 1..65536, got 'abc'")]
    [InlineData("timesteps: 16.5", "timesteps (line 2)", "expected an integer in 1..100000, got 16.5")]
    [InlineData("neuron: { beta: 0 }", "neuron.beta (line 2)", "expected a number in (0, 1], got 0")]
    [InlineData("neuron: { reset: Zero }", "neuron.reset (line 2)", "expected subtract, zero or none, got 'Zero'")]
    [InlineData("encoder: poisson", "encoder (line 2)", "expected rate or direct, got 'poisson'")]
    [InlineData("crossbar: { mapping: { gmin: 5, gmax: 5 } }", "crossbar.mapping.gmax (line 2)", "expected gmax > gmin")]
    [InlineData("crossbar: { mapping: { levels: 1 } }", "crossbar.mapping.levels (line 2)", "expected 0 or an integer in 2..65536, got 1")]
    [InlineData("crossbar: { adc: { bits: 1 } }", "crossbar.adc.bits (line 2)", "expected 0 or an integer in 2..24, got 1")]
    [InlineData("crossbar: { adc: { range: 0 } }", "crossbar.adc.range (line 2)", "expected auto, calibrated or a number > 0, got 0")]
    [InlineData("crossbar: { dac: { bits: 25 } }", "crossbar.dac.bits (line 2)", "expected an integer <= 24, got 25")]
    [InlineData("crossbar: { faults: { stuck_on: 1.5 } }", "crossbar.faults.stuck_on (line 2)", "expected a probability in [0, 1], got 1.5")]
    [InlineData("crossbar: { ir_drop: { model: analytical } }", "crossbar.ir_drop.model (line 2)", "analytic")]
    [InlineData("crossbar: { device: { read: { sigma: abc } } }", "crossbar.device.read.sigma (line 2)", "expected a number >= 0, got 'abc'")]
    [InlineData("crossbar: { tile: [32, 32] }", "crossbar.tile (line 2)", "expected a mapping of rows, cols, got a list")]
    [InlineData("data: { split: validation }", "data.split (line 2)", "expected test or train, got 'validation'")]
    [InlineData("data: { source: csv, path: x.csv, split: train }", "data.split (line 2)", "the csv source is one file with no test/train split")]
    [InlineData("data: { source: idx, path: x-images-idx3-ubyte, split: test }", "data.split (line 2)", "the idx source is one file")]
    [InlineData("data: { limit: 0 }", "data.limit (line 2)", "expected an integer >= 1, got 0")]
    [InlineData("format: distsnn-study/2", "format (line 2)", "expected distsnn-study/1")]
    [InlineData("name: my study", "name (line 2)", "expected a name of letters, digits")]
    [InlineData("name: ..", "name (line 2)", "expected a name of letters, digits")]
    [InlineData("trials: 0", "trials (line 2)", "expected an integer >= 1, got 0")]
    [InlineData("trials: { min: 1, max: 5, ci_halfwidth: 0.1 }", "trials.min (line 2)", "expected an integer >= 2, got 1")]
    [InlineData("trials: { min: 10, max: 5, ci_halfwidth: 0.1 }", "trials.max (line 2)", "expected an integer >= trials.min (10), got 5")]
    [InlineData("trials: { min: 10, max: 50 }", "trials (line 2)", "ci_halfwidth is missing")]
    [InlineData("trials: { min: 10, max: 50, ci_halfwidth: 0 }", "trials.ci_halfwidth (line 2)", "expected a number > 0, got 0")]
    [InlineData("crossbar.tile.rows: 32", "crossbar.tile.rows (line 2)", "dotted key")]
    public void A_bad_value_names_its_key_and_what_was_expected(string line, string field, string expectation)
    {
        var error = Fails($"model: m\n{line}\n");

        Assert.Equal(Origin, error.Origin);
        Assert.Equal(field, error.Field);
        Assert.Contains(expectation, error.Expectation);
        Assert.Contains(field, error.Message);
    }

    [Fact]
    public void More_than_one_document_is_rejected()
    {
        var error = Fails("model: m\n---\nmodel: n\n");
        Assert.Equal("line 3", error.Field);
    }

    [Fact]
    public void A_recursive_alias_is_rejected_not_followed_forever()
    {
        var error = Fails("model: m\nsweep: &loop [*loop]\n");
        Assert.Contains("too deeply", error.Expectation);
    }

    [Fact]
    public void Deep_nesting_is_rejected_before_it_can_overflow_the_stack()
    {
        var error = Fails("model: m\nsweep: " + new string('[', 200_000) + "\n");
        Assert.StartsWith("malformed YAML", error.Expectation);
    }
}
