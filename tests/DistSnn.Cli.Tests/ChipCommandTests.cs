using System.Buffers.Binary;
using System.Text.Json;
using DistSnn.Core.Crossbar;
using DistSnn.Core.Engine;
using DistSnn.Core.Snn;
using DistSnn.Core.Trial;

namespace DistSnn.Cli.Tests;

/// <summary>
/// <c>distsnn chip</c>: its files, read back through an independent reader, hold exactly the chip a study's trial
/// programs (INTERFACE.md, format <c>distsnn-chip/1</c>), and the read file exactly what the trial's tile steps read.
/// </summary>
public class ChipCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string Spec = """
        name: chip-test
        seed: 3
        model: builtin:digits-mlp
        data: { source: digits, limit: 8 }
        trials: 2
        crossbar:
          tile: { rows: 32, cols: 32 }
          mapping: { gmin: 1.0, gmax: 25.0 }
          device: { programming: { sigma: 0.1 }, read: { sigma: 0.05 } }
          faults: { stuck_off: 0.05, dead_tiles: { exact: 1 } }
        sweep:
          - { key: crossbar.device.read.sigma, values: [0.0, 0.05] }
        """;

    private (CliRun Run, string Out, StudyInputs Inputs) Chip(string spec, params string[] options)
    {
        string path = _dir.File("spec.yaml", spec), output = _dir.Combine("out");
        CliRun run = CliRun.Of(["chip", path, .. options, "--out", output]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return (run, output, StudyInputs.Load(path, []));
    }

    private static string Name(ProgrammedTile tile, string field) => $"layers.{tile.Layer}.tiles.{tile.Index}.{field}";

    private static IEnumerable<ProgrammedTile> AllTiles(Chip chip) => chip.Layers.SelectMany(l => l.Tiles);

    [Fact]
    public void The_chip_file_holds_the_programmed_tiles_bit_for_bit()
    {
        var (run, output, inputs) = Chip(Spec, "--point", "1", "--trial", "1");
        Assert.Contains("chip.safetensors", run.Stdout);
        Chip chip = Core.Crossbar.Chip.Program(TrialPlan.ForPoint(inputs.Spec, 1, inputs.Model, inputs.Data), 1);
        var file = new IndependentSafetensors(Path.Combine(output, "chip.safetensors"));

        Assert.Equal("distsnn-chip/1", file.Metadata["format"]);
        Assert.Equal("1", file.Metadata["point"]);
        Assert.Equal("1", file.Metadata["trial"]);
        using var tiles = JsonDocument.Parse(file.Metadata["tiles"]);
        Assert.Equal(AllTiles(chip).Count(), tiles.RootElement.GetArrayLength());
        Assert.False(file.Names.Any(n => n.EndsWith(".nu_plus", StringComparison.Ordinal)), "no drift, no exponents");
        foreach (ProgrammedTile tile in AllTiles(chip))
        {
            Assert.Equal([tile.Rows, tile.Cols], file.Shape(Name(tile, "g_plus")));
            Assert.Equal(tile.GPlus, file.Floats(Name(tile, "g_plus")));
            Assert.Equal(tile.GMinus, file.Floats(Name(tile, "g_minus")));
            // No drift: programmed and present conductances are one.
            Assert.Equal(tile.GPlus, file.Floats(Name(tile, "programmed_plus")));
            Assert.Equal(tile.GMinus, file.Floats(Name(tile, "programmed_minus")));
            Assert.Equal(tile.FaultPlus!.Select(f => (byte)f), file.Bytes(Name(tile, "fault_plus")));
            Assert.Equal(tile.FaultMinus!.Select(f => (byte)f), file.Bytes(Name(tile, "fault_minus")));

            JsonElement entry = tiles.RootElement.EnumerateArray().Single(t => t.GetProperty("layer").GetInt32() == tile.Layer && t.GetProperty("index").GetInt32() == tile.Index);
            Assert.Equal(tile.RowStart, entry.GetProperty("row_start").GetInt32());
            Assert.Equal(tile.ColStart, entry.GetProperty("col_start").GetInt32());
            Assert.Equal(tile.TileRow, entry.GetProperty("tile_row").GetInt32());
            Assert.Equal(tile.TileCol, entry.GetProperty("tile_col").GetInt32());
            Assert.Equal(tile.Rows, entry.GetProperty("rows").GetInt32());
            Assert.Equal(tile.Cols, entry.GetProperty("cols").GetInt32());
            Assert.Equal(tile.Faults.Dead, entry.GetProperty("dead").GetBoolean());

            // Targets from the model's weights, per-layer scale: G = gmin + (gmax - gmin) |w| / max |w| on its side.
            DenseLayer layer = inputs.Model.Layers[tile.Layer];
            double wmax = layer.Weights.Max(w => Math.Abs(w));
            Assert.Equal(wmax / 24.0, entry.GetProperty("weight_per_microsiemens").GetDouble(), 1e-6);
            float[] plus = file.Floats(Name(tile, "target_plus")), minus = file.Floats(Name(tile, "target_minus"));
            for (int r = 0; r < tile.Rows; r++)
                for (int c = 0; c < tile.Cols; c++)
                {
                    double w = layer.Weight(tile.ColStart + c, tile.RowStart + r);
                    Assert.Equal(1.0 + 24.0 * Math.Max(w, 0) / wmax, plus[r * tile.Cols + c], 1e-4);
                    Assert.Equal(1.0 + 24.0 * Math.Max(-w, 0) / wmax, minus[r * tile.Cols + c], 1e-4);
                }
        }
    }

    [Fact]
    public void The_fault_maps_show_the_one_dead_tile_and_the_stuck_devices()
    {
        var (_, output, _) = Chip(Spec);
        var file = new IndependentSafetensors(Path.Combine(output, "chip.safetensors"));
        using var tiles = JsonDocument.Parse(file.Metadata["tiles"]);
        int dead = 0;
        long stuck = 0, devices = 0;
        foreach (JsonElement tile in tiles.RootElement.EnumerateArray())
        {
            string prefix = $"layers.{tile.GetProperty("layer").GetInt32()}.tiles.{tile.GetProperty("index").GetInt32()}.";
            byte[] faults = [.. file.Bytes(prefix + "fault_plus"), .. file.Bytes(prefix + "fault_minus")];
            Assert.All(faults, f => Assert.Contains(f, new byte[] { 0, 1, 3 }));
            if (tile.GetProperty("dead").GetBoolean())
            {
                dead++;
                Assert.All(faults, f => Assert.Equal(3, f));
                continue;
            }
            Assert.DoesNotContain((byte)3, faults);
            stuck += faults.Count(f => f == 1);
            devices += faults.Length;
        }
        Assert.Equal(1, dead);
        Assert.InRange(stuck / (double)devices, 0.04, 0.06);
    }

    [Fact]
    public void With_drift_the_file_holds_the_exponents_and_the_conductances_at_time_zero()
    {
        string spec = Spec.Replace("device: { programming: { sigma: 0.1 }, read: { sigma: 0.05 } }", "device: { preset: pcm }")
            .Replace("mapping: { gmin: 1.0, gmax: 25.0 }", "mapping: { gmax: 25.0 }") + "\ntime: 86400\n";
        var (_, output, inputs) = Chip(spec);
        Chip chip = Core.Crossbar.Chip.Program(TrialPlan.ForPoint(inputs.Spec, 0, inputs.Model, inputs.Data), 0);
        var file = new IndependentSafetensors(Path.Combine(output, "chip.safetensors"));
        foreach (ProgrammedTile tile in AllTiles(chip))
        {
            Assert.Equal(tile.ProgrammedPlus!, file.Floats(Name(tile, "programmed_plus")));
            Assert.Equal(tile.ProgrammedMinus!, file.Floats(Name(tile, "programmed_minus")));
            Assert.Equal(tile.GPlus, file.Floats(Name(tile, "g_plus")));
            Assert.Equal(tile.NuPlus!, file.Floats(Name(tile, "nu_plus")));
            Assert.Equal(tile.NuMinus!, file.Floats(Name(tile, "nu_minus")));
            Assert.NotEqual(file.Floats(Name(tile, "programmed_plus")), file.Floats(Name(tile, "g_plus")));
        }
    }

    [Fact]
    public void The_read_file_holds_what_the_studys_tile_steps_read()
    {
        const int sample = 3, step = 5;
        var (run, output, inputs) = Chip(Spec, "--point", "1", "--sample", $"{sample}", "--step", $"{step}");
        Assert.Contains("read.safetensors", run.Stdout);
        var file = new IndependentSafetensors(Path.Combine(output, "read.safetensors"));
        Assert.Equal("distsnn-chip/1", file.Metadata["format"]);
        Assert.Equal($"{step}", file.Metadata["step"]);

        // The study's own run: the whole data set in one batch, the sample's reads picked out of it.
        TrialPlan plan = TrialPlan.ForPoint(inputs.Spec, 1, inputs.Model, inputs.Data);
        var study = new SampleReads(sample, step);
        new ReferenceEngine(plan.Model, plan.Crossbar, plan.Seed, batch: 64).RunTrial(0, inputs.Data, observer: study);
        Chip chip = Core.Crossbar.Chip.Program(plan, 0);
        var tileStep = new TileStep(plan.MaxTileRows, plan.MaxTileCols, 1);
        var key = new ReadKey(plan.Seed, 0, inputs.Data.FirstIndex + sample, step);
        foreach (ProgrammedTile tile in AllTiles(chip))
        {
            float[] input = file.Floats(Name(tile, "input")), adc = file.Floats(Name(tile, "adc"));
            Assert.Equal(study.Inputs[(tile.Layer, tile.Index)], input);
            Assert.Equal(study.Partials[(tile.Layer, tile.Index)], adc);

            // The tile step run afresh on those inputs gives the adc stage again.
            var partial = new float[tile.Cols];
            var variance = new float[tile.DefersReadNoise ? tile.Cols : 0];
            if (tile.Layer == 0 && plan.Model.Encoder != EncoderKind.Rate)
                tileStep.RunAnalog(tile, input, 1, key, partial, variance);
            else
                tileStep.Run(tile, Pack(input), 1, key, partial, variance);
            Assert.Equal(partial, adc);

            // The ideal stage: the layer's weights summed over the active inputs, in row order.
            DenseLayer layer = inputs.Model.Layers[tile.Layer];
            float[] ideal = file.Floats(Name(tile, "ideal"));
            for (int c = 0; c < tile.Cols; c++)
            {
                float sum = 0f;
                for (int r = 0; r < tile.Rows; r++)
                    if (input[r] != 0f) sum += input[r] * layer.Weight(tile.ColStart + c, tile.RowStart + r);
                Assert.Equal(sum, ideal[c]);
            }
            float[] analog = file.Floats(Name(tile, "analog")), read = file.Floats(Name(tile, "read"));
            if (tile.Faults.Dead)
            {
                Assert.All(analog, a => Assert.Equal(0f, a));
                Assert.All(read, a => Assert.Equal(0f, a));
                Assert.All(adc, a => Assert.Equal(0f, a));
            }
            else
            {
                // No ADC: the tile leaves its noise to the column group, so what the group receives is the noiseless read.
                Assert.True(tile.DefersReadNoise);
                Assert.Equal(analog, read);
                Assert.Equal(analog, adc);
                Assert.Equal([tile.Cols], file.Shape(Name(tile, "read_variance")));
            }
        }
        Assert.Contains(AllTiles(chip), t => t.Faults.Dead);
    }

    [Fact]
    public void With_an_adc_the_read_stage_has_the_tiles_noise_and_the_adc_stage_its_conversion()
    {
        string spec = Spec.Replace("faults: { stuck_off: 0.05, dead_tiles: { exact: 1 } }", "adc: { bits: 4 }");
        var (_, output, inputs) = Chip(spec, "--point", "1", "--sample", "0", "--step", "3");
        var file = new IndependentSafetensors(Path.Combine(output, "read.safetensors"));
        Chip chip = Core.Crossbar.Chip.Program(TrialPlan.ForPoint(inputs.Spec, 1, inputs.Model, inputs.Data), 0);
        foreach (ProgrammedTile tile in AllTiles(chip))
        {
            float[] analog = file.Floats(Name(tile, "analog")), read = file.Floats(Name(tile, "read")), adc = file.Floats(Name(tile, "adc"));
            Assert.DoesNotContain(Name(tile, "read_variance"), file.Names);
            bool active = file.Floats(Name(tile, "input")).Any(x => x != 0f);
            if (active) Assert.NotEqual(analog, read);
            // Each converted current is within one ADC step of the noisy one (or clipped at full scale).
            Adc converter = tile.Adc!.Value;
            for (int c = 0; c < tile.Cols; c++)
                Assert.True(Math.Abs(adc[c] - read[c]) <= converter.Step || Math.Abs(adc[c]) >= converter.MaxCode * converter.Step * 0.999, $"column {c}");
        }
    }

    [Fact]
    public void Dead_rows_and_columns_and_stuck_columns_act_in_every_stage_but_ideal()
    {
        string spec = Spec.Replace("faults: { stuck_off: 0.05, dead_tiles: { exact: 1 } }",
            "faults: { dead_rows: { probability: 0.2 }, dead_columns: { probability: 0.2 }, stuck_columns: { exact: 2 } }");
        var (_, output, inputs) = Chip(spec, "--sample", "1", "--step", "6");
        var file = new IndependentSafetensors(Path.Combine(output, "read.safetensors"));
        TrialPlan plan = TrialPlan.ForPoint(inputs.Spec, 0, inputs.Model, inputs.Data);
        Chip chip = Core.Crossbar.Chip.Program(plan, 0);
        var tileStep = new TileStep(plan.MaxTileRows, plan.MaxTileCols, 1);
        var key = new ReadKey(plan.Seed, 0, inputs.Data.FirstIndex + 1, 6);
        int deadRows = 0, deadColumns = 0, stuckColumns = 0;
        foreach (ProgrammedTile tile in AllTiles(chip))
        {
            float[] input = file.Floats(Name(tile, "input")), analog = file.Floats(Name(tile, "analog")), adc = file.Floats(Name(tile, "adc"));
            var partial = new float[tile.Cols];
            tileStep.Run(tile, Pack(input), 1, key, partial, new float[tile.Cols]);
            Assert.Equal(partial, adc);
            for (int c = 0; c < tile.Cols; c++)
            {
                if (tile.Faults.DeadColumns.Contains(c)) Assert.Equal(0f, analog[c]);
                else if (tile.Faults.StuckColumns.Contains(c)) Assert.Equal(tile.StuckColumnCurrent, analog[c]);
                else
                {
                    float sum = 0f;
                    for (int r = 0; r < tile.Rows; r++)
                        if (input[r] != 0f && !tile.Faults.IsDeadRow(r)) sum += input[r] * tile.Weight[r * tile.Cols + c];
                    Assert.Equal(sum, analog[c]);
                }
            }
            deadRows += tile.Faults.DeadRowCount;
            deadColumns += tile.Faults.DeadColumns.Length;
            stuckColumns += tile.Faults.StuckColumns.Length;
        }
        Assert.True(deadRows > 0 && deadColumns > 0);
        Assert.Equal(2, stuckColumns);
    }

    [Fact]
    public void On_an_ideal_chip_every_stage_is_the_ideal_read()
    {
        string spec = Spec.Replace("device: { programming: { sigma: 0.1 }, read: { sigma: 0.05 } }", "device: { preset: ideal }")
            .Replace("faults: { stuck_off: 0.05, dead_tiles: { exact: 1 } }", "faults: { stuck_off: 0.0 }");
        var (_, output, _) = Chip(spec, "--sample", "2", "--step", "4");
        var file = new IndependentSafetensors(Path.Combine(output, "read.safetensors"));
        foreach (string name in file.Names.Where(n => n.EndsWith(".ideal", StringComparison.Ordinal)))
        {
            string prefix = name[..^"ideal".Length];
            Assert.Equal(file.Floats(name), file.Floats(prefix + "analog"));
            Assert.Equal(file.Floats(name), file.Floats(prefix + "read"));
            Assert.Equal(file.Floats(name), file.Floats(prefix + "adc"));
        }
        var chip = new IndependentSafetensors(Path.Combine(output, "chip.safetensors"));
        Assert.All(chip.Names.Where(n => n.Contains(".fault_", StringComparison.Ordinal)), n => Assert.All(chip.Bytes(n), b => Assert.Equal(0, b)));
    }

    [Fact]
    public void The_picture_is_a_png_of_two_panels_per_layer()
    {
        var (run, output, _) = Chip(Spec);
        Assert.Contains("chip.png", run.Stdout);
        byte[] png = File.ReadAllBytes(Path.Combine(output, "chip.png"));
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        int width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20));
        Assert.Equal(1280, width);
        Assert.Equal(2 * 480, height);
        Assert.True(png.Length > 10_000, "a heat map, not an empty image");
    }

    [Theory]
    [InlineData("--point 99", "--point")]
    [InlineData("--trial 2", "--trial")]
    [InlineData("--sample 3", "--step")]
    [InlineData("--step 3", "--sample")]
    [InlineData("--sample 8 --step 0", "--sample")]
    [InlineData("--sample 0 --step 999", "--step")]
    public void Bad_options_are_one_error_line_naming_the_option(string options, string named)
    {
        string path = _dir.File("spec.yaml", Spec), output = _dir.Combine("out");
        CliRun run = CliRun.Of(["chip", path, .. options.Split(' '), "--out", output]);
        AssertBadInput(run, named);
        Assert.False(Directory.Exists(output), "nothing written");
    }

    [Fact]
    public void A_missing_spec_is_one_error_line_naming_it() =>
        AssertBadInput(CliRun.Of("chip", _dir.Combine("nope.yaml"), "--out", _dir.Combine("out")), "nope.yaml");

    [Fact]
    public void Without_out_it_says_out_is_needed() =>
        AssertBadInput(CliRun.Of("chip", _dir.File("spec.yaml", Spec)), "--out");

    private static void AssertBadInput(CliRun run, string named)
    {
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.StderrLines);
        Assert.StartsWith("error: ", run.StderrLines[0]);
        Assert.Contains(named, run.StderrLines[0]);
        Assert.Equal("", run.Stdout);
    }

    private static ulong[] Pack(float[] input)
    {
        var words = new ulong[PackedSpikes.WordsFor(input.Length)];
        for (int r = 0; r < input.Length; r++)
            if (input[r] != 0f) words[r >> 6] |= 1UL << (r & 63);
        return words;
    }

    /// <summary>Every tile's inputs and output for one sample of a batch at one step.</summary>
    private sealed class SampleReads(int sample, int step) : ITileReadObserver
    {
        public Dictionary<(int, int), float[]> Inputs { get; } = new();
        public Dictionary<(int, int), float[]> Partials { get; } = new();

        public bool Wants(int s) => s == step;

        public void TileRead(ProgrammedTile tile, in ReadKey first, int samples, ReadOnlySpan<float> inputs, ReadOnlySpan<float> partials, ReadOnlySpan<float> variances)
        {
            Assert.True(sample < samples);
            Inputs[(tile.Layer, tile.Index)] = inputs.Slice(sample * tile.Rows, tile.Rows).ToArray();
            Partials[(tile.Layer, tile.Index)] = partials.Slice(sample * tile.Cols, tile.Cols).ToArray();
        }
    }
}
