using DistSnn.Core.Crossbar;
using DistSnn.Core.Study;
using static DistSnn.Core.Tests.Study.SpecText;

namespace DistSnn.Core.Tests.Study;

/// <summary>The spec keys of the tile-level and clustered faults.</summary>
public class TileFaultKeyTests
{
    [Fact]
    public void Each_fault_takes_a_probability_or_an_exact_count_and_an_onset()
    {
        FaultSettings f = Read("""
            model: m
            crossbar:
              faults:
                dead_tiles: { exact: 2, onset: 10 }
                dead_rows: { probability: 0.01 }
                stuck_columns: { exact: 0 }
                clustered: { mean: 0.02, shape: 0.5, on_fraction: 0.1 }
            """).Points[0].Settings.Crossbar.Faults;

        Assert.Equal(new TileFaultCount(0, 2, 10), f.DeadTiles);
        Assert.Equal(new TileFaultCount(0.01, null, 0), f.DeadRows);
        Assert.Equal(new TileFaultCount(), f.DeadColumns);
        Assert.False(f.StuckColumns.IsOn);
        Assert.Equal(new ClusteredFaultSettings(0.02, 0.5, 0.1), f.Clustered);
        Assert.True(f.AnyStuck && f.AnyTileLevel);
    }

    [Fact]
    public void Both_a_probability_and_an_exact_count_are_refused()
    {
        InputException e = Fails("model: m\ncrossbar: { faults: { dead_columns: { probability: 0.1, exact: 3 } } }\n");

        Assert.Contains("crossbar.faults.dead_columns.exact", e.Message);
        Assert.Contains("either probability", e.Message);
    }

    [Theory]
    [InlineData("dead_rows: { exact: -1 }", "crossbar.faults.dead_rows.exact")]
    [InlineData("dead_tiles: { onset: 1.5 }", "crossbar.faults.dead_tiles.onset")]
    [InlineData("clustered: { shape: 0 }", "crossbar.faults.clustered.shape")]
    [InlineData("dead_tiles: { probabilty: 0.1 }", "probability")]
    public void Bad_values_name_their_key(string faults, string key)
    {
        InputException e = Fails($"model: m\ncrossbar:\n  faults:\n    {faults}\n");

        Assert.Contains(key, e.Message);
    }

    [Fact]
    public void An_exact_count_above_the_chips_items_is_refused_before_any_trial()
    {
        StudySpec spec = Read("model: m\ncrossbar: { faults: { dead_tiles: { exact: 30 } } }\nsweep: [{ key: crossbar.tile.rows, values: [128, 64] }]\n");

        // The shared 784-500-10 model: 7 x 4 + 4 x 1 = 32 tiles of 128 rows; 13 x 4 + 8 x 1 = 60 of 64.
        ExactFaultCheck.Check(spec, TestData.SharedModel);
        StudySpec tooMany = Read("model: m\ncrossbar: { faults: { dead_tiles: { exact: 40 } } }\nsweep: [{ key: crossbar.tile.rows, values: [64, 128] }]\n");
        InputException e = Assert.Throws<InputException>(() => ExactFaultCheck.Check(tooMany, TestData.SharedModel));
        Assert.Contains("crossbar.faults.dead_tiles.exact", e.Message);
        Assert.Contains("expected at most 32", e.Message);
        Assert.Contains("sweep point 1", e.Message);
    }

    [Fact]
    public void Fault_keys_left_at_their_default_leave_the_spec_hash_alone()
    {
        string plain = Read("model: m\n").CanonicalText;

        Assert.Equal(plain, Read("model: m\ncrossbar: { faults: { dead_rows: { probability: 0, onset: 0 }, clustered: { mean: 0 } } }\n").CanonicalText);
        Assert.NotEqual(plain, Read("model: m\ncrossbar: { faults: { dead_rows: { exact: 0 } } }\n").CanonicalText);
    }
}
