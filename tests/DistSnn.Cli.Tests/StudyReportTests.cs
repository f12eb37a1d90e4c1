using System.Text.Json;
using DistSnn.Core.Data;
using DistSnn.Core.Models;
using DistSnn.Core.Study;

namespace DistSnn.Cli.Tests;

/// <summary>What <c>distsnn study</c> hands its reports: the ideal-device accuracy (unless the spec turns it off), SVGs beside the PNGs.</summary>
public sealed class StudyReportTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_ideal_device_accuracy_is_computed_and_written_into_summary_json_and_the_report()
    {
        string outDir = _dir.Combine("ideal");
        var run = CliRun.Of("study", "--out", outDir, "--quiet", "--trials", "2", "--set", "data.limit=60");
        Assert.True(run.ExitCode == 0, run.Stderr);

        StudySpec spec = StudySpecReader.ReadDemo(["trials=2", "data.limit=60"]);
        double expected = IdealDeviceAccuracy.Compute(spec, BuiltinModels.Load("digits-mlp", "test"), DataLoader.Load(spec.Data, null, "test"));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal(expected, json.RootElement.GetProperty("ideal_accuracy").GetDouble());
        Assert.Contains(expected.ToString("F4", System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(Path.Combine(outDir, "report.html")));
        foreach (string png in Directory.GetFiles(outDir, "*.png"))
            Assert.True(File.Exists(Path.ChangeExtension(png, ".svg")), png);
        Assert.True(File.Exists(Path.Combine(outDir, "difference-crossbar.faults.stuck_off.svg")));
    }

    [Fact]
    public void The_spec_can_turn_it_off_and_then_summary_json_says_null()
    {
        string outDir = _dir.Combine("off");
        var run = CliRun.Of("study", "--out", outDir, "--quiet", "--trials", "1", "--set", "data.limit=30",
            "--set", "report.ideal_reference=false");
        Assert.True(run.ExitCode == 0, run.Stderr);

        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("ideal_accuracy").ValueKind);
        Assert.Contains("report.ideal_reference: false", File.ReadAllText(Path.Combine(outDir, "report.html")));
    }

    [Fact]
    public void A_second_run_replaces_the_svg_and_difference_plots_too()
    {
        string outDir = _dir.Combine("again");
        Assert.Equal(0, CliRun.Of("study", "--out", outDir, "--quiet", "--trials", "1", "--set", "data.limit=30").ExitCode);

        var refused = CliRun.Of("study", "--out", outDir, "--quiet", "--trials", "1", "--set", "data.limit=30");
        Assert.Equal(2, refused.ExitCode);
        File.Delete(Path.Combine(outDir, "results.db"));
        foreach (string f in new[] { "trials.csv", "summary.csv", "summary.json", "report.html" }) File.Delete(Path.Combine(outDir, f));
        foreach (string png in Directory.GetFiles(outDir, "*.png")) File.Delete(png);

        // Only SVGs are left: they still count as results, so a run without --overwrite must not silently mix with them.
        Assert.Equal(2, CliRun.Of("study", "--out", outDir, "--quiet", "--trials", "1", "--set", "data.limit=30").ExitCode);
        Assert.Equal(0, CliRun.Of("study", "--out", outDir, "--quiet", "--trials", "1", "--set", "data.limit=30", "--overwrite").ExitCode);
    }
}
