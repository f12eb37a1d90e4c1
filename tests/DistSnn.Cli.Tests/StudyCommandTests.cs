namespace DistSnn.Cli.Tests;

public class StudyCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Read noise, stuck-at faults, an ADC and several tiles per layer: every source of randomness.</summary>
    private const string NoisySpec = """
        name: determinism
        seed: 7
        model: builtin:digits-mlp
        data: { source: digits, split: test, limit: 120 }
        timesteps: 12
        crossbar:
          tile: { rows: 32, cols: 32 }
          device:
            programming: { model: proportional, sigma: 0.1 }
            read: { model: proportional, sigma: 0.1 }
          faults: { stuck_off: 0.02, stuck_on: 0.01 }
          adc: { bits: 5 }
        sweep:
          - { key: crossbar.device.read.sigma, values: [0.0, 0.2] }
        trials: 4
        """;

    private string RunStudy(string name, params string[] extra)
    {
        string outDir = _dir.Combine(name);
        var run = CliRun.Of(["study", _dir.File("spec.yaml", NoisySpec), "--out", outDir, "--quiet", .. extra]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return File.ReadAllText(Path.Combine(outDir, "trials.csv"));
    }

    [Fact]
    public void Trials_csv_is_byte_identical_for_one_and_all_cores_and_two_batch_sizes()
    {
        string one = RunStudy("one", "--local-workers", "1");
        Assert.Equal(one, RunStudy("all", "--local-workers", Math.Max(2, Environment.ProcessorCount).ToString()));
        Assert.Equal(one, RunStudy("batch7", "--local-workers", "2", "--set", "batch=7"));
        Assert.Equal(one, RunStudy("batch200", "--local-workers", "2", "--set", "batch=200"));

        string[] lines = one.TrimEnd('\n').Split('\n');
        Assert.Equal("point,trial,crossbar.device.read.sigma,accuracy,correct,total", lines[0]);
        Assert.Equal(1 + 2 * 4, lines.Length);
        Assert.StartsWith("0,0,0,", lines[1]);
        Assert.StartsWith("1,3,0.2,", lines[^1]);
        Assert.All(lines[1..], l => Assert.EndsWith(",120", l));
    }

    [Fact]
    public void Summary_files_agree_with_the_trials()
    {
        string outDir = _dir.Combine("summary");
        var run = CliRun.Of("study", _dir.File("spec.yaml", NoisySpec), "--out", outDir, "--quiet", "--trials", "3");
        Assert.Equal(0, run.ExitCode);
        string[] summary = File.ReadAllLines(Path.Combine(outDir, "summary.csv"));
        // INTERFACE.md's fixed columns first, unchanged; the standard error and the paired difference appended.
        Assert.Equal("point,crossbar.device.read.sigma,trials,accuracy_mean,accuracy_std,ci95_low,ci95_high," +
            "accuracy_se,paired_diff_mean,paired_diff_ci95_low,paired_diff_ci95_high,paired_diff_pairs", summary[0]);
        var trials = File.ReadAllLines(Path.Combine(outDir, "trials.csv"))[1..].Select(l => l.Split(',')).ToList();
        for (int p = 0; p < 2; p++)
        {
            double mean = trials.Where(t => t[0] == p.ToString()).Average(t => double.Parse(t[3], System.Globalization.CultureInfo.InvariantCulture));
            string[] row = summary[1 + p].Split(',');
            Assert.Equal("3", row[2]);
            Assert.Equal(mean, double.Parse(row[3], System.Globalization.CultureInfo.InvariantCulture), 12);
        }
        string json = File.ReadAllText(Path.Combine(outDir, "summary.json"));
        Assert.Contains("\"spec_hash\"", json);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        var point1 = document.RootElement.GetProperty("points")[1];
        // Numbers as JSON numbers: the swept coordinate too.
        Assert.Equal(0.2, point1.GetProperty("coordinates").GetProperty("crossbar.device.read.sigma").GetDouble());
        var difference = point1.GetProperty("paired_difference");
        Assert.Equal(3, difference.GetProperty("pairs").GetInt32());
        string[] last = summary[2].Split(',');
        Assert.Equal(point1.GetProperty("accuracy_se").GetDouble(), double.Parse(last[7], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(difference.GetProperty("mean").GetDouble(), double.Parse(last[8], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(difference.GetProperty("ci95_low").GetDouble(), double.Parse(last[9], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(difference.GetProperty("ci95_high").GetDouble(), double.Parse(last[10], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("3", last[11]);
        Assert.Contains("study determinism", run.Stdout);
    }

    [Fact]
    public void The_built_in_demo_runs_and_writes_its_files()
    {
        string outDir = _dir.Combine("demo");
        // The demo itself, shortened: fewer trials and samples, same model, tiles and sweep.
        var run = CliRun.Of("study", "--out", outDir, "--trials", "2", "--set", "data.limit=60");
        Assert.True(run.ExitCode == 0, run.Stderr);
        foreach (string f in new[] { "trials.csv", "summary.csv", "summary.json" })
            Assert.True(File.Exists(Path.Combine(outDir, f)), f);
        Assert.Contains("accuracy", run.Stdout);
        Assert.Contains("progress:", run.Stderr);
        Assert.Equal(1 + 12 * 2, File.ReadAllLines(Path.Combine(outDir, "trials.csv")).Length);
    }

    [Fact]
    public void An_override_shows_in_the_study_header_and_in_summary_json()
    {
        string outDir = _dir.Combine("override");
        var run = CliRun.Of("study", _dir.File("spec.yaml", NoisySpec), "--out", outDir, "--trials", "2", "--set", "neuron.beta=0.9");
        Assert.True(run.ExitCode == 0, run.Stderr);

        string header = run.Stderr.Split('\n').First(l => l.TrimStart().StartsWith("model:", StringComparison.Ordinal));
        Assert.Contains("lif", header);
        Assert.Contains("beta=0.9 (spec)", header);
        Assert.Contains("timesteps=12 (spec)", header);
        Assert.Contains("threshold=1,", header); // the model's own, unmarked

        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        var settings = document.RootElement.GetProperty("model_settings");
        Assert.Equal(0.9, settings.GetProperty("neuron.beta").GetProperty("value").GetDouble());
        Assert.Equal("spec", settings.GetProperty("neuron.beta").GetProperty("source").GetString());
        Assert.Equal(1.0, settings.GetProperty("neuron.threshold").GetProperty("value").GetDouble());
        Assert.Equal("model", settings.GetProperty("neuron.threshold").GetProperty("source").GetString());
        Assert.Equal("rate", settings.GetProperty("encoder").GetProperty("value").GetString());
        Assert.Contains("beta=0.9 (spec)", document.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public void A_model_without_neuron_metadata_runs_when_the_spec_supplies_it_as_the_full_model_does()
    {
        // The built-in model with its run-time settings stripped, and a spec that gives them back.
        var full = DistSnn.Core.Models.ModelFile.ToSafetensors(DistSnn.Core.Models.BuiltinModels.Load("digits-mlp", "test"));
        var metadata = full.Metadata.Where(e => !DistSnn.Core.Models.ModelFile.SettingKeys.Contains(e.Key) || e.Key == "format")
            .ToDictionary(e => e.Key, e => e.Value);
        DistSnn.Core.Models.SafetensorsFile.Write(new DistSnn.Core.Models.SafetensorsContent(full.Tensors, metadata), _dir.Combine("bare.safetensors"));
        string supplied = "\nneuron: { beta: 1, threshold: 1, reset: subtract }\nencoder: rate\nreadout: spike-count\n";
        string bare = NoisySpec.Replace("builtin:digits-mlp", "bare.safetensors") + supplied;

        var run = CliRun.Of("study", _dir.File("bare.yaml", bare), "--out", _dir.Combine("bare"), "--quiet", "--trials", "2");
        Assert.True(run.ExitCode == 0, run.Stderr);
        var reference = CliRun.Of("study", _dir.File("full.yaml", NoisySpec), "--out", _dir.Combine("full"), "--quiet", "--trials", "2");
        Assert.Equal(0, reference.ExitCode);

        Assert.Equal(File.ReadAllText(Path.Combine(_dir.Combine("full"), "trials.csv")), File.ReadAllText(Path.Combine(_dir.Combine("bare"), "trials.csv")));
    }
}
