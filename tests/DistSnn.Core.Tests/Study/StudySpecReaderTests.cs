using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Snn;
using DistSnn.Core.Study;
using static DistSnn.Core.Tests.Study.SpecText;

namespace DistSnn.Core.Tests.Study;

public class StudySpecReaderTests
{
    [Fact]
    public void A_spec_with_only_a_model_takes_every_default()
    {
        StudySpec spec = Read("model: models/net.safetensors\n");

        Assert.Equal("study", spec.Name);
        Assert.Equal(1u, spec.Seed);
        Assert.Equal("models/net.safetensors", spec.Model);
        Assert.Equal("/studies/models/net.safetensors", spec.ModelPath);
        Assert.Equal(new DataSpec(), spec.Data);
        Assert.Equal(TrialCount.Fixed(10), spec.Trials);
        Assert.Equal(64, spec.Batch);
        Assert.Empty(spec.Sweep);
        Assert.Equal(Origin, spec.Origin);
        StudyPoint point = Assert.Single(spec.Points);
        Assert.Equal(0, point.Index);
        Assert.Empty(point.Coordinates);
        Assert.Equal(PointSettings.Ideal, point.Settings);
    }

    [Fact]
    public void A_spec_with_every_key_binds_every_value()
    {
        const string yaml = """
            format: distsnn-study/1
            name: full-1.a
            seed: 4294967295
            model: builtin:digits-mlp
            data: { source: fashion-mnist, path: ../data/fmnist, split: train, limit: 500, offset: 100 }
            timesteps: 32
            batch: 128
            neuron: { beta: 0.9, threshold: 1.5, reset: zero, sigma: 0.01 }
            encoder: direct
            crossbar:
              tile: { rows: 64, cols: 32 }
              mapping: { gmin: 1.0, gmax: 30.0, scale: per-tile, levels: 16 }
              device:
                programming: { model: additive, sigma: 0.5 }
                read: { model: additive, sigma: 0.25, path: device }
              faults: { stuck_off: 0.01, stuck_on: 0.02 }
              adc: { bits: 8, range: 4.5 }
              dac: { bits: 6 }
              ir_drop: { model: none }
            trials: { min: 10, max: 500, ci_halfwidth: 0.005 }
            sweep: []
            """;

        StudySpec spec = Read(yaml);

        Assert.Equal("full-1.a", spec.Name);
        Assert.Equal(uint.MaxValue, spec.Seed);
        Assert.Equal("builtin:digits-mlp", spec.Model);
        Assert.Null(spec.ModelPath);
        Assert.Equal(new DataSpec("fashion-mnist", "/data/fmnist", "train", 500, 100), spec.Data);
        Assert.Equal(128, spec.Batch);
        Assert.Equal(new TrialCount(10, 500, 0.005), spec.Trials);
        Assert.True(spec.Trials.IsAdaptive);
        var expected = new PointSettings(
            32,
            new NeuronOverrides(0.9, 1.5, ResetMode.Zero, 0.01),
            EncoderKind.Direct,
            new CrossbarSettings
            {
                Tile = new TileSettings(64, 32),
                Mapping = new MappingSettings(1.0, 30.0, ScaleMode.PerTile, 16),
                Device = new DeviceSettings
                {
                    Programming = new ProgrammingSettings(NoiseModel.Additive, 0.5),
                    Read = new ReadSettings(NoiseModel.Additive, 0.25, ReadNoisePath.Device),
                },
                Faults = new FaultSettings(0.01, 0.02),
                Adc = new AdcSettings(8, 4.5),
                Dac = new DacSettings(6),
                IrDrop = new IrDropSettings(IrDropModel.None),
            });
        Assert.Equal(expected, Assert.Single(spec.Points).Settings);
    }

    [Fact]
    public void Adc_range_reads_auto_as_null()
    {
        StudySpec spec = Read("model: m\ncrossbar: { adc: { bits: 4, range: auto } }\n");
        Assert.Equal(new AdcSettings(4, null), spec.Points[0].Settings.Crossbar.Adc);
    }

    [Fact]
    public void Null_values_mean_not_given()
    {
        StudySpec spec = Read("model: m\ntimesteps: ~\nneuron:\ncrossbar: { tile: { rows: null } }\n");
        Assert.Equal(PointSettings.Ideal, spec.Points[0].Settings);
    }

    [Fact]
    public void The_demo_spec_has_twelve_points_on_small_tiles()
    {
        StudySpec spec = StudySpecReader.ReadText(StudySpecReader.DemoSpecText, "builtin:demo", null, []);

        Assert.Equal("demo", spec.Name);
        Assert.Equal("builtin:digits-mlp", spec.Model);
        Assert.Equal(new DataSpec("digits", null, "test"), spec.Data);
        Assert.Equal(TrialCount.Fixed(20), spec.Trials);
        Assert.Equal(1u, spec.Seed);
        Assert.Equal(12, spec.Points.Count);
        Assert.Equal(["crossbar.device.read.sigma", "crossbar.faults.stuck_off"], spec.Sweep.Select(a => a.Key));
        CrossbarSettings crossbar = spec.Points[0].Settings.Crossbar;
        Assert.Equal(new TileSettings(32, 32), crossbar.Tile);
        Assert.Equal(new ProgrammingSettings(NoiseModel.Proportional, 0.05), crossbar.Device.Programming);
        Assert.Equal(1.0, spec.Points[11].Settings.Crossbar.Device.Read.Sigma);
        Assert.Equal(0.1, spec.Points[11].Settings.Crossbar.Faults.StuckOff);
    }

    [Fact]
    public void Read_file_names_the_study_after_the_file_and_resolves_paths_beside_it()
    {
        string directory = Directory.CreateTempSubdirectory("distsnn-spec-").FullName;
        try
        {
            string path = Path.Combine(directory, "r1.yaml");
            File.WriteAllText(path, "model: net.safetensors\ndata: { source: csv, path: data/x.csv }\n");

            StudySpec spec = StudySpecReader.ReadFile(path, []);

            Assert.Equal("r1", spec.Name);
            Assert.Equal(Path.Combine(directory, "net.safetensors"), spec.ModelPath);
            Assert.Equal(Path.Combine(directory, "data", "x.csv"), spec.Data.Path);
            Assert.Equal(path, spec.Origin);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_missing_file_is_reported_as_not_found()
    {
        string path = Path.Combine(Path.GetTempPath(), $"no-such-spec-{Guid.NewGuid():N}.yaml");

        var error = Assert.Throws<InputException>(() => StudySpecReader.ReadFile(path, []));

        Assert.Equal(path, error.Origin);
        Assert.Equal("", error.Field);
        Assert.Equal("file not found", error.Expectation);
    }

    [Fact]
    public void Canonical_text_lists_effective_values_sorted_and_ignores_spelling_of_numbers()
    {
        StudySpec a = Read("model: m\ncrossbar: { device: { read: { sigma: 0.10 } } }\nsweep: [{ key: crossbar.faults.stuck_off, values: [0.010, 2e-2] }]\n");
        StudySpec b = Read("model: m\ncrossbar: { device: { read: { sigma: 0.1 } } }\nsweep: [{ key: crossbar.faults.stuck_off, values: [0.01, 0.02] }]\n");

        Assert.Equal(a.CanonicalText, b.CanonicalText);
        string[] lines = a.CanonicalText.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(lines.Order(StringComparer.Ordinal), lines);
        Assert.Contains("crossbar.device.read.sigma=0.1", lines);
        // Settings left at their default are not in the text, so a key added with a default leaves the hash alone.
        Assert.DoesNotContain(lines, line => line.StartsWith("crossbar.tile.rows=", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.StartsWith("crossbar.mapping.scale=", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.StartsWith("crossbar.adc.range=", StringComparison.Ordinal));
        Assert.Contains("crossbar.tile.rows=128", a.EffectiveText.Split('\n'));
        Assert.Contains("crossbar.adc.range=auto", a.EffectiveText.Split('\n'));
        Assert.Contains("name=study", lines);
        Assert.Contains("trials=10", lines);
        Assert.Contains("sweep[0].key=crossbar.faults.stuck_off", lines);
        Assert.Contains("sweep[0].values=[0.01,0.02]", lines);
        Assert.DoesNotContain(lines, line => line.StartsWith("timesteps=", StringComparison.Ordinal));
        Assert.NotEqual(a.CanonicalText, Read("model: m\n", "seed=2").CanonicalText);
    }

    [Theory]
    [InlineData("time: 0\n", "time: 3600\ncrossbar: { device: { drift: { model: pcm } } }\n")]
    [InlineData("crossbar: { device: { preset: generic } }\n", "crossbar: { device: { preset: pcm } }\n")]
    [InlineData("crossbar: { device: { drift: { compensation: none } } }\n", "crossbar: { device: { preset: pcm, drift: { compensation: global } } }\n")]
    [InlineData("crossbar: { device: { pcm: { t0: 20 } } }\n", "crossbar: { device: { preset: pcm, pcm: { t0: 10 } } }\n")]
    [InlineData("crossbar: { device: { rram_hfo2: { acceptance_range: 2.0 } } }\n", "crossbar: { device: { preset: rram-hfo2, rram_hfo2: { acceptance_range: 0.2 } } }\n")]
    [InlineData("crossbar: { device: { rram_hfo2: { levels: 0, level_spread: 0.5 } } }\n", "crossbar: { device: { preset: rram-hfo2, rram_hfo2: { levels: 10 } } }\n")]
    [InlineData("crossbar: { tile: { rows: 128 }, faults: { stuck_on: 0.0 } }\n", "crossbar: { tile: { rows: 64 } }\n")]
    public void A_key_left_at_its_default_hashes_as_if_absent_and_a_set_one_does_not(string atDefault, string set)
    {
        string without = Read("model: m\n").CanonicalText;
        Assert.Equal(without, Read("model: m\n" + atDefault).CanonicalText);
        Assert.Equal(ResultFiles.SpecHash(Read("model: m\n")), ResultFiles.SpecHash(Read("model: m\n" + atDefault)));
        Assert.NotEqual(without, Read("model: m\n" + set).CanonicalText);
    }

    [Fact]
    public void The_mapping_range_and_drift_law_hash_as_absent_at_their_presets_default_unless_the_preset_is_swept()
    {
        Assert.Equal(Read("model: m\n").CanonicalText, Read("model: m\ncrossbar: { mapping: { gmin: 0, gmax: 25 }, device: { drift: { model: none } } }\n").CanonicalText);
        string rram = Read("model: m\ncrossbar: { device: { preset: rram-hfo2 } }\n").CanonicalText;
        Assert.Equal(rram, Read("model: m\ncrossbar: { mapping: { gmin: 9, gmax: 88.2 }, device: { preset: rram-hfo2, drift: { model: rram-hfo2 } } }\n").CanonicalText);
        Assert.NotEqual(rram, Read("model: m\ncrossbar: { mapping: { gmax: 25 }, device: { preset: rram-hfo2 } }\n").CanonicalText);
        // Swept presets: gmax 25 acts at the rram-hfo2 points, so it must not hash as absent.
        const string Swept = "model: m\nsweep: [{ key: crossbar.device.preset, values: [generic, rram-hfo2] }]\n";
        Assert.NotEqual(Read(Swept).CanonicalText, Read(Swept + "crossbar: { mapping: { gmax: 25 } }\n").CanonicalText);
    }

    [Fact]
    public void Placement_is_read_but_left_out_of_the_spec_hash_so_a_study_resumes_under_either()
    {
        Assert.Equal(TilePlacement.Local, Read("model: m\n").Placement);
        StudySpec spread = Read("model: m\nplacement: spread\n");
        Assert.Equal(TilePlacement.Spread, spread.Placement);
        Assert.Equal(Read("model: m\n").CanonicalText, spread.CanonicalText);
        Assert.Equal(TilePlacement.Local, Read("model: m\nplacement: spread\n", "placement=local").Placement);
    }

    [Fact]
    public void Known_keys_cover_sections_and_settings()
    {
        Assert.Contains("crossbar.device", StudySpecReader.KnownKeys);
        Assert.Contains("crossbar.device.read.path", StudySpecReader.KnownKeys);
        Assert.Contains("trials.ci_halfwidth", StudySpecReader.KnownKeys);
        Assert.Contains("sweep", StudySpecReader.KnownKeys);
        Assert.Equal(StudySpecReader.KnownKeys.Count, StudySpecReader.KnownKeys.Distinct().Count());
    }
}
