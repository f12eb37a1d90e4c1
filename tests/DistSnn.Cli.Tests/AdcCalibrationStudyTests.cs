using System.Diagnostics;
using System.Text.Json;

namespace DistSnn.Cli.Tests;

/// <summary>
/// A study with <c>crossbar.adc.range: calibrated</c>: every engine, worker count and batch size gives the same
/// trials, the chip files show each tile's calibrated range, and a bad calibration is one <c>error:</c> line.
/// </summary>
public class AdcCalibrationStudyTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ClusterProcesses _cluster = new();

    public void Dispose()
    {
        _cluster.Dispose();
        _dir.Dispose();
    }

    // Noise, faults and several tiles per layer, a coarse ADC whose range matters, and a sweep over the percentile.
    private const string Spec = """
        name: adc-calibration
        seed: 5
        model: builtin:digits-mlp
        data: { source: digits, split: test, limit: 60 }
        timesteps: 12
        crossbar:
          tile: { rows: 32, cols: 32 }
          device: { programming: { sigma: 0.05 }, read: { sigma: 0.05 } }
          faults: { stuck_off: 0.01 }
          adc: { bits: 4, range: calibrated, calibration: { samples: 48 } }
        sweep:
          - { key: crossbar.adc.calibration.percentile, values: [100, 99] }
        trials: 3
        """;

    private string RunStudy(string name, params string[] extra)
    {
        string outDir = _dir.Combine(name);
        var run = CliRun.Of(["study", _dir.File("spec.yaml", Spec), "--out", outDir, "--quiet", .. extra]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        return File.ReadAllText(Path.Combine(outDir, "trials.csv"));
    }

    [Fact]
    public void Trials_csv_is_byte_identical_for_the_sequential_engine_and_the_actors_at_any_batch()
    {
        string reference = RunStudy("reference", "--engine", "reference", "--local-workers", "1");
        Assert.Equal(reference, RunStudy("actors", "--local-workers", "2"));
        Assert.Equal(reference, RunStudy("batch7", "--local-workers", "2", "--set", "batch=7"));
        Assert.Equal(6 + 1, reference.TrimEnd('\n').Split('\n').Length);
    }

    [Fact]
    public void Two_workers_calibrate_as_the_single_process_does_on_the_train_split_and_on_the_study_samples()
    {
        // Workers re-read the spec: the train split is built in, the study's samples travel in the package.
        string spec = _dir.File("cluster.yaml", Spec.Replace("key: crossbar.adc.calibration.percentile, values: [100, 99]", "key: crossbar.adc.calibration.data, values: [train, study]"));
        byte[] expected = ClusterProcesses.SingleProcessTrials(spec, _dir.Combine("single"));
        string distributed = _dir.Combine("distributed");
        int port = ClusterProcesses.FreePort();
        Process coordinator = _cluster.StartCoordinator(_dir.Combine("cache-c"), spec, distributed, port, "--local-workers", "0", "--min-workers", "2");
        _cluster.StartWorker(_dir.Combine("cache-1"), port);
        _cluster.StartWorker(_dir.Combine("cache-2"), port);
        Assert.True(coordinator.WaitForExit(120_000), "the distributed study did not finish in 120 s");
        coordinator.WaitForExit();
        Assert.True(coordinator.ExitCode == 0, _cluster.Output(coordinator));
        Assert.Equal(expected, File.ReadAllBytes(Path.Combine(distributed, "trials.csv")));
        string[] lines = File.ReadAllLines(Path.Combine(distributed, "trials.csv"));
        Assert.Equal(1 + 2 * 3, lines.Length);
    }

    [Fact]
    public void The_chip_files_show_each_tiles_calibrated_range_below_its_automatic_one()
    {
        double[] Ranges(string spec, string name)
        {
            string output = _dir.Combine(name);
            var run = CliRun.Of("chip", _dir.File(name + ".yaml", spec), "--out", output);
            Assert.True(run.ExitCode == 0, run.Stderr);
            var file = new IndependentSafetensors(Path.Combine(output, "chip.safetensors"));
            using var tiles = JsonDocument.Parse(file.Metadata["tiles"]);
            return [.. tiles.RootElement.EnumerateArray().Select(t => t.GetProperty("adc_range").GetDouble())];
        }
        double[] calibrated = Ranges(Spec, "calibrated"), auto = Ranges(Spec.Replace("range: calibrated, calibration: { samples: 48 }", "range: auto")
            .Replace("key: crossbar.adc.calibration.percentile, values: [100, 99]", "key: crossbar.adc.bits, values: [4, 5]"), "auto");
        Assert.Equal(6, calibrated.Length);
        Assert.All(calibrated.Zip(auto), p => Assert.True(p.First > 0 && p.First <= p.Second, $"{p.First} vs {p.Second}"));
    }

    [Theory]
    [InlineData("adc: { bits: 4, calibration: { samples: 64 } }", "crossbar.adc.calibration.samples", "acts only where crossbar.adc.range is calibrated")]
    [InlineData("adc: { bits: 4, range: calibrated, calibration: { samples: 0 } }", "crossbar.adc.calibration.samples", "expected an integer >= 1, got 0")]
    [InlineData("adc: { bits: 4, range: calibrated, calibration: { percentile: 0 } }", "crossbar.adc.calibration.percentile", "expected a number in (0, 100], got 0")]
    [InlineData("adc: { bits: 4, range: calibrated, calibration: { percentile: 101 } }", "crossbar.adc.calibration.percentile", "expected a number in (0, 100], got 101")]
    public void A_bad_calibration_is_one_error_line_with_exit_code_2(string adc, string key, string expectation)
    {
        string spec = "name: bad\nmodel: builtin:digits-mlp\ndata: { source: digits, limit: 20 }\ncrossbar: { " + adc + " }\ntrials: 2\n";
        var run = CliRun.Of("validate", _dir.File("spec.yaml", spec));
        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.StderrLines);
        Assert.StartsWith("error: ", run.StderrLines[0]);
        Assert.Contains("spec.yaml", run.StderrLines[0]);
        Assert.Contains(key, run.StderrLines[0]);
        Assert.Contains(expectation, run.StderrLines[0]);
    }
}
