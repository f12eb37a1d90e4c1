using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Engine;
using DistSnn.Core.Snn;
using DistSnn.Core.Study;
using DistSnn.Core.Trial;

namespace DistSnn.Core.Tests.Study;

/// <summary>
/// Per-tile overrides (<c>crossbar.overrides</c>): how the spec resolves them, that they reach only the tiles they
/// select (on the shared model's real tiles), and the errors for what cannot differ between tiles.
/// </summary>
public class TileOverridesTests
{
    private const int Trial = 2;
    private static readonly Dataset Images = TestData.FashionMnistTest(8);

    // The shared 784-500-10 model on 128 x 128 tiles: layer 0 is a 7 x 4 grid (28 tiles), layer 1 a 4 x 1 grid.
    private const string Base = """
        model: builtin:digits-mlp
        crossbar:
          device:
            programming: { sigma: 0.05 }
            read: { sigma: 0.05 }
          faults: { stuck_off: 0.01 }
        """;

    private static CrossbarSettings Crossbar(string overrides, params string[] sets) =>
        SpecText.Read(Base + "\n  overrides:\n" + overrides, sets).Points[0].Settings.Crossbar;

    private static Chip Program(CrossbarSettings crossbar) =>
        Chip.Program(new TrialPlan(TestData.SharedModel, crossbar, Images, 5, 8), Trial);

    [Fact]
    public void Each_tile_gets_the_point_settings_with_every_override_that_selects_it_on_top_in_written_order()
    {
        CrossbarSettings crossbar = Crossbar("""
                - { layer: 0, set: { crossbar.device.preset: pcm, time: 3600 } }
                - { layer: 0, tiles: [3, 5], set: { time: 60, crossbar.faults.stuck_off: 0.2 } }
                - { layer: 1, tiles: [2], set: { crossbar.adc.bits: 6 } }
            """);
        TileOverrides overrides = crossbar.Overrides;

        CrossbarSettings whole = overrides.For(0, 0)!;
        Assert.Equal(DevicePreset.Pcm, whole.Device.Preset);
        Assert.Equal(3600, whole.Time);
        Assert.Equal(0.01, whole.Faults.StuckOff);
        // The preset's own range and drift law, as for a whole chip with the pcm preset.
        Assert.Equal(DriftModelKind.Pcm, whole.Device.Drift.Model);

        CrossbarSettings listed = overrides.For(0, 5)!;
        Assert.Equal(DevicePreset.Pcm, listed.Device.Preset);
        Assert.Equal(60, listed.Time);
        Assert.Equal(0.2, listed.Faults.StuckOff);
        Assert.Same(listed, overrides.For(0, 3));

        Assert.Equal(6, overrides.For(1, 2)!.Adc.Bits);
        Assert.Null(overrides.For(1, 1));
        Assert.Equal(0, crossbar.Adc.Bits);
        Assert.Equal(DevicePreset.Generic, crossbar.Device.Preset);
        Assert.Equal(3, overrides.Combinations.Count());
    }

    [Fact]
    public void A_swept_setting_applies_to_the_tiles_an_override_leaves_it_to_and_the_override_wins_where_it_sets_it()
    {
        StudySpec spec = SpecText.Read(Base + """

              overrides:
                - { layer: 1, set: { crossbar.device.read.sigma: 0.3 } }
                - { layer: 0, tiles: [0], set: { crossbar.device.programming.sigma: 0.2 } }
            sweep:
              - { key: crossbar.device.read.sigma, values: [0.0, 0.1] }
            """);
        for (int p = 0; p < 2; p++)
        {
            CrossbarSettings crossbar = spec.Points[p].Settings.Crossbar;
            Assert.Equal(0.3, crossbar.Overrides.For(1, 0)!.Device.Read.Sigma);
            Assert.Equal(0.1 * p, crossbar.Overrides.For(0, 0)!.Device.Read.Sigma);
            Assert.Equal(0.2, crossbar.Overrides.For(0, 0)!.Device.Programming.Sigma);
        }
    }

    [Fact]
    public void An_override_reaches_only_the_tiles_it_selects_and_they_are_the_tiles_of_a_chip_with_its_settings()
    {
        string[] overrides = ["crossbar.overrides=[{ layer: 0, tiles: [5, 17], set: { crossbar.device.preset: pcm, time: 86400 } }]"];
        CrossbarSettings plain = SpecText.Read(Base).Points[0].Settings.Crossbar;
        CrossbarSettings mixed = SpecText.Read(Base, overrides).Points[0].Settings.Crossbar;
        CrossbarSettings allPcm = SpecText.Read(Base, "crossbar.device.preset=pcm", "time=86400", "crossbar.device.programming.sigma=0").Points[0].Settings.Crossbar;
        Chip a = Program(plain), b = Program(mixed), c = Program(allPcm);

        for (int l = 0; l < a.Layers.Count; l++)
        {
            for (int i = 0; i < a.Layers[l].Tiles.Count; i++)
            {
                ProgrammedTile expected = l == 0 && i is 5 or 17 ? c.Layers[l].Tiles[i] : a.Layers[l].Tiles[i];
                ProgrammedTile actual = b.Layers[l].Tiles[i];
                Assert.Equal(expected.Weight, actual.Weight);
                Assert.Equal(expected.GPlus, actual.GPlus);
                Assert.Equal(expected.NuPlus, actual.NuPlus);
                Assert.Equal(expected.ReadVariance, actual.ReadVariance);
            }
        }
        // And the pcm tiles differ from the generic ones: the test could fail.
        Assert.NotEqual(a.Layers[0].Tiles[5].Weight, b.Layers[0].Tiles[5].Weight);
        Assert.NotNull(b.Layers[0].Tiles[17].NuPlus);
        Assert.Null(b.Layers[0].Tiles[16].NuPlus);
        // The chip files' tile list says what each tile was programmed with.
        using var tiles = System.Text.Json.JsonDocument.Parse(ChipTileList.Json(b));
        var presets = tiles.RootElement.EnumerateArray().Select(t => (t.GetProperty("layer").GetInt32(), t.GetProperty("index").GetInt32(), t.GetProperty("preset").GetString(), t.GetProperty("time").GetDouble())).ToList();
        Assert.Equal(28 + 4, presets.Count);
        Assert.Equal([(0, 5, "pcm", 86400.0), (0, 17, "pcm", 86400.0)], presets.Where(p => p.Item3 != "generic"));
        Assert.All(presets.Where(p => p.Item3 == "generic"), p => Assert.Equal(0, p.Item4));
    }

    [Fact]
    public void An_override_is_a_fault_event_a_given_tile_dead_from_a_given_step()
    {
        CrossbarSettings crossbar = Crossbar("""
                - { layer: 0, tiles: [3], set: { crossbar.faults.dead_tiles.probability: 1, crossbar.faults.dead_tiles.onset: 4 } }
            """);
        Chip chip = Program(crossbar);
        ProgrammedTile dying = chip.Layers[0].Tiles[3];
        Assert.True(dying.Faults.Dead);
        Assert.False(dying.Faults.DeadAt(3));
        Assert.True(dying.Faults.DeadAt(4));
        Assert.Single(chip.Layers.SelectMany(l => l.Tiles), t => t.Faults.Dead);
    }

    [Fact]
    public void Overrides_that_repeat_the_point_settings_change_no_bit_of_a_trial()
    {
        CrossbarSettings plain = SpecText.Read(Base).Points[0].Settings.Crossbar;
        CrossbarSettings same = Crossbar("""
                - { layer: 0, set: { crossbar.device.read.sigma: 0.05 } }
                - { layer: 1, tiles: [0, 3], set: { crossbar.faults.stuck_off: 0.01 } }
            """);
        SnnModel model = TestData.SharedModel.With(timesteps: 6);
        TrialResult a = new ReferenceEngine(model, plain, 5, 8).RunTrial(Trial, Images);
        TrialResult b = new ReferenceEngine(model, same, 5, 8).RunTrial(Trial, Images);
        Assert.Equal(a.Correct, b.Correct);
        Assert.Equal(a.Counters.ToArray(), b.Counters.ToArray());
    }

    [Fact]
    public void A_column_group_draws_read_noise_when_any_of_its_tiles_leaves_it_the_noise()
    {
        // Tiles with an ADC convert their own noise; without one they leave it to their column group.
        CrossbarSettings crossbar = Crossbar("""
                - { layer: 0, set: { crossbar.adc.bits: 6 } }
                - { layer: 0, tiles: [1], set: { crossbar.adc.bits: 0 } }
            """);
        var plan = new TrialPlan(TestData.SharedModel, crossbar, Images, 5, 8);
        // Tile 1 is in tile column 1 of layer 0's 7 x 4 grid: only that group draws.
        Assert.Equal([false, true, false, false], Enumerable.Range(0, 4).Select(tc => plan.GroupDrawsReadNoise(0, tc)));
        Assert.True(plan.GroupDrawsReadNoise(1, 0));
        Assert.False(plan.ProgramTile(Trial, 0, 1, 1).DefersReadNoise);
        Assert.True(plan.ProgramTile(Trial, 0, 0, 1).DefersReadNoise);
    }

    [Fact]
    public void A_tile_may_take_its_ADC_range_from_the_chip_calibration_or_keep_its_own()
    {
        // Base: a fixed range; tile 2 of layer 0 calibrated, tile 4 of layer 0 automatic; layer 1 6-bit calibrated.
        CrossbarSettings crossbar = Crossbar("""
                - { layer: 0, tiles: [2], set: { crossbar.adc.range: calibrated } }
                - { layer: 0, tiles: [4], set: { crossbar.adc.range: auto } }
                - { layer: 1, set: { crossbar.adc.range: calibrated, crossbar.adc.bits: 6 } }
            """, "crossbar.adc.bits=4", "crossbar.adc.range=2.5", "crossbar.adc.calibration.data=study", "crossbar.adc.calibration.samples=8");
        var plan = new TrialPlan(TestData.SharedModel.With(timesteps: 4), crossbar, Images, 5, 8);
        AdcCalibration calibration = plan.AdcCalibration!;
        Assert.Equal(calibration.Range(0, 2) ?? -1, plan.ProgramTile(Trial, 0, 0, 2).Adc!.Value.Range);
        Assert.Equal(calibration.Range(1, 3) ?? -1, plan.ProgramTile(Trial, 1, 3, 0).Adc!.Value.Range);
        Assert.Equal(2.5, plan.ProgramTile(Trial, 0, 0, 1).Adc!.Value.Range);
        Assert.NotEqual(2.5, plan.ProgramTile(Trial, 0, 1, 0).Adc!.Value.Range);
        Assert.Equal(6, plan.ProgramTile(Trial, 1, 0, 0).Settings.Adc.Bits);

        InputException e = SpecText.Fails(Base, "crossbar.adc.bits=4", "crossbar.adc.range=calibrated", "crossbar.overrides=[{ layer: 0, set: { crossbar.adc.calibration.samples: 16 } }]");
        Assert.Contains("the chip's one calibration run", e.Message);
    }

    [Fact]
    public void Overrides_are_part_of_the_spec_hash_and_a_spec_without_them_hashes_as_before()
    {
        string plain = SpecText.Read(Base).CanonicalText;
        Assert.DoesNotContain("overrides", plain);
        Assert.Equal(plain, SpecText.Read(Base, "crossbar.overrides=[]").CanonicalText);
        string one = SpecText.Read(Base, "crossbar.overrides=[{ layer: 0, set: { crossbar.device.read.sigma: 0.10 } }]").CanonicalText;
        Assert.NotEqual(plain, one);
        Assert.Equal(one, SpecText.Read(Base, "crossbar.overrides=[{ layer: 0, set: { crossbar.device.read.sigma: 0.1 } }]").CanonicalText);
        Assert.Contains("crossbar.overrides[0].set.crossbar.device.read.sigma=0.1\n", one);
    }

    [Theory]
    [InlineData("[{ layer: 0, set: { crossbar.tile.rows: 64 } }]", "crossbar.overrides[0].set.crossbar.tile.rows", "tile grid")]
    [InlineData("[{ layer: 0, set: { timesteps: 8 } }]", "crossbar.overrides[0].set.timesteps", "only time and crossbar.*")]
    [InlineData("[{ layer: 0, set: { crossbar.dac.bits: 4 } }]", "crossbar.overrides[0].set.crossbar.dac.bits", "input DAC")]
    [InlineData("[{ layer: 0, set: { crossbar.faults.dead_tiles.exact: 1 } }]", "crossbar.overrides[0].set.crossbar.faults.dead_tiles.exact", "per chip")]
    [InlineData("[{ layer: 0, set: { crossbar.device.red.sigma: 0.1 } }]", "crossbar.overrides[0].set.crossbar.device.red.sigma", "crossbar.device.read.sigma")]
    [InlineData("[{ layer: 0, set: { crossbar.device: 1 } }]", "crossbar.overrides[0].set.crossbar.device", "not a setting")]
    [InlineData("[{ layer: 0, set: {} }]", "crossbar.overrides[0].set", "non-empty mapping")]
    [InlineData("[{ layer: 0 }]", "crossbar.overrides[0].set", "non-empty mapping")]
    [InlineData("[{ layer: -1, set: { time: 1 } }]", "crossbar.overrides[0].layer", "an integer from 0")]
    [InlineData("[{ tiles: [1], set: { time: 1 } }]", "crossbar.overrides[0].layer", "got nothing")]
    [InlineData("[{ layer: 0, tiles: [1, 1], set: { time: 1 } }]", "crossbar.overrides[0].tiles[1]", "listed twice")]
    [InlineData("[{ layer: 0, tiles: 1, set: { time: 1 } }]", "crossbar.overrides[0].tiles", "non-empty list")]
    [InlineData("[{ layer: 0, tile: [1], set: { time: 1 } }]", "crossbar.overrides[0].tile", "did you mean 'tiles'?")]
    [InlineData("[{ layer: 0, set: { crossbar.device.read.sigma: -1 } }]", "crossbar.device.read.sigma", "crossbar.overrides[0].set")]
    [InlineData("{ layer: 0 }", "crossbar.overrides", "expected a list")]
    public void What_cannot_be_set_per_tile_or_is_malformed_is_refused_naming_the_key(string overrides, string key, string expected)
    {
        InputException e = SpecText.Fails(Base, $"crossbar.overrides={overrides}");
        Assert.Contains(key, e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_combination_that_cannot_run_is_refused_naming_the_overrides_and_the_point()
    {
        InputException e = SpecText.Fails(Base + """

              overrides:
                - { layer: 0, set: { crossbar.ir_drop.model: analytic } }
                - { layer: 0, tiles: [2], set: { crossbar.device.read.path: device } }
            """);
        Assert.Contains("crossbar.ir_drop.model", e.Message);
        Assert.Contains("on the tiles of crossbar.overrides[0] and crossbar.overrides[1]", e.Message);
    }

    [Fact]
    public void A_device_key_in_an_override_must_act_on_the_tiles_it_selects()
    {
        InputException e = SpecText.Fails(Base, "crossbar.overrides=[{ layer: 0, set: { crossbar.device.pcm.drift_scale: 2 } }]");
        Assert.Contains("crossbar.device.pcm.drift_scale", e.Message);
        Assert.Contains("no tile of crossbar.overrides[0]", e.Message);
        // With the preset in the same override it acts; and a chip-wide time acts when an override turns drift on.
        SpecText.Read(Base, "crossbar.overrides=[{ layer: 0, set: { crossbar.device.preset: pcm, crossbar.device.pcm.drift_scale: 2 } }]");
        SpecText.Read(Base, "time=3600", "crossbar.overrides=[{ layer: 1, set: { crossbar.device.preset: pcm } }]");
    }

    [Theory]
    [InlineData("[{ layer: 2, set: { crossbar.adc.bits: 4 } }]", "crossbar.overrides[0].layer", "0..1 (the model has 2 layers), got 2")]
    [InlineData("[{ layer: 0, tiles: [27, 28], set: { crossbar.adc.bits: 4 } }]", "crossbar.overrides[0].tiles", "0..27 (layer 0 is a grid of 7 x 4 tiles, numbered row-major), got 28")]
    public void Tiles_the_model_does_not_have_are_refused_when_the_model_is_known(string overrides, string key, string expected)
    {
        StudySpec spec = SpecText.Read(Base, $"crossbar.overrides={overrides}");
        InputException e = Assert.Throws<InputException>(() => TileOverrideCheck.Check(spec, TestData.SharedModel));
        Assert.Contains(key, e.Message);
        Assert.Contains(expected, e.Message);
    }
}
