using DistSnn.Core.Study;
using static DistSnn.Core.Tests.Study.SpecText;

namespace DistSnn.Core.Tests.Study;

public class SweepTests
{
    [Fact]
    public void Points_form_the_grid_with_the_first_axis_slowest()
    {
        const string yaml = """
            model: m
            sweep:
              - { key: crossbar.tile.rows, values: [16, 32] }
              - { key: crossbar.device.read.sigma, values: [0.0, 0.10, 1e-3] }
            """;

        StudySpec spec = Read(yaml);

        Assert.Equal([new SweepAxis("crossbar.tile.rows", ["16", "32"]), new SweepAxis("crossbar.device.read.sigma", ["0", "0.1", "0.001"])],
            spec.Sweep, new SweepAxisComparer());
        Assert.Equal(6, spec.Points.Count);
        Assert.Equal(Enumerable.Range(0, 6), spec.Points.Select(p => p.Index));
        string[][] expected = [["16", "0"], ["16", "0.1"], ["16", "0.001"], ["32", "0"], ["32", "0.1"], ["32", "0.001"]];
        Assert.Equal(expected, spec.Points.Select(p => p.Coordinates.ToArray()));
        Assert.Equal([16, 16, 16, 32, 32, 32], spec.Points.Select(p => p.Settings.Crossbar.Tile.Rows));
        Assert.Equal([0.0, 0.1, 0.001, 0.0, 0.1, 0.001], spec.Points.Select(p => p.Settings.Crossbar.Device.Read.Sigma));
    }

    [Fact]
    public void Text_values_are_kept_as_written()
    {
        StudySpec spec = Read("model: m\ncrossbar: { adc: { bits: 6 } }\nsweep: [{ key: crossbar.mapping.scale, values: [per-layer, per-tile] }, { key: crossbar.adc.range, values: [auto, 2] }]\n");

        Assert.Equal(["per-layer", "per-tile"], spec.Sweep[0].Values);
        Assert.Equal(["auto", "2"], spec.Sweep[1].Values);
        Assert.Null(spec.Points[0].Settings.Crossbar.Adc.Range);
        Assert.Equal(2.0, spec.Points[1].Settings.Crossbar.Adc.Range);
    }

    [Fact]
    public void A_negative_sweep_value_is_rejected_with_its_key_and_value()
    {
        var error = Fails("model: m\nsweep:\n  - key: crossbar.device.read.sigma\n    values: [0.1, -0.1]\n");

        Assert.StartsWith("crossbar.device.read.sigma", error.Field);
        Assert.Contains("sweep[0].values[1]", error.Field);
        Assert.Contains("line 4", error.Field);
        Assert.Equal("expected a number >= 0, got -0.1", error.Expectation);
    }

    [Fact]
    public void A_key_swept_twice_is_rejected()
    {
        var error = Fails("model: m\nsweep:\n  - { key: crossbar.faults.stuck_on, values: [0.1] }\n  - { key: crossbar.faults.stuck_on, values: [0.2] }\n");

        Assert.Equal("sweep[1].key (line 4)", error.Field);
        Assert.Contains("crossbar.faults.stuck_on is swept twice", error.Expectation);
    }

    [Fact]
    public void A_key_that_is_not_sweepable_is_rejected()
    {
        var error = Fails("model: m\nsweep: [{ key: seed, values: [1, 2] }]\n");

        Assert.Equal("sweep[0].key (line 2)", error.Field);
        Assert.Contains("seed cannot be swept", error.Expectation);
    }

    [Fact]
    public void An_unknown_swept_key_is_rejected_with_a_suggestion()
    {
        var error = Fails("model: m\nsweep: [{ key: crossbar.device.read.sigm, values: [1] }]\n");

        Assert.StartsWith("sweep[0].key", error.Field);
        Assert.Contains("did you mean 'crossbar.device.read.sigma'?", error.Expectation);
    }

    [Fact]
    public void An_unknown_key_inside_a_sweep_entry_is_rejected_with_a_suggestion()
    {
        var error = Fails("model: m\nsweep: [{ key: crossbar.device.read.sigma, value: [1] }]\n");

        Assert.Equal("sweep[0].value (line 2)", error.Field);
        Assert.Equal("unknown key; did you mean 'values'?", error.Expectation);
    }

    [Fact]
    public void An_empty_value_list_is_rejected()
    {
        var error = Fails("model: m\nsweep: [{ key: crossbar.device.read.sigma, values: [] }]\n");
        Assert.StartsWith("sweep[0].values", error.Field);
    }

    [Fact]
    public void A_point_whose_combination_is_invalid_is_rejected_with_the_point()
    {
        var error = Fails("model: m\ncrossbar: { faults: { stuck_on: 0.5 } }\nsweep: [{ key: crossbar.faults.stuck_off, values: [0.1, 0.6] }]\n");

        Assert.StartsWith("crossbar.faults.stuck_off (sweep[0].values[1]", error.Field);
        Assert.Contains("stuck_off + stuck_on <= 1, got 0.6 + 0.5 at sweep point 1", error.Expectation);
    }

    private sealed class SweepAxisComparer : IEqualityComparer<SweepAxis>
    {
        public bool Equals(SweepAxis? x, SweepAxis? y) => x!.Key == y!.Key && x.Values.SequenceEqual(y.Values);
        public int GetHashCode(SweepAxis obj) => obj.Key.GetHashCode(StringComparison.Ordinal);
    }
}
