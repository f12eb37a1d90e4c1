using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace DistSnn.Cli.Tests;

/// <summary>A study killed with SIGKILL midway and resumed gives the same trials.csv as an uninterrupted run.</summary>
public class ResumeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string Spec = """
        name: resume
        seed: 3
        model: builtin:digits-mlp
        data: { source: digits, limit: 150 }
        timesteps: 16
        crossbar:
          tile: { rows: 32, cols: 32 }
          device: { programming: { sigma: 0.1 }, read: { sigma: 0.2 } }
          faults: { stuck_off: 0.02 }
        sweep:
          - { key: crossbar.faults.stuck_off, values: [0.0, 0.05] }
        trials: 30
        """;

    internal static long StoredTrials(string db)
    {
        if (!File.Exists(db)) return 0;
        try
        {
            using var connection = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM trials";
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            return 0; // not created yet
        }
    }

    [Fact]
    public void Sigkill_midway_then_resume_equals_an_uninterrupted_run()
    {
        string spec = _dir.File("resume.yaml", Spec);
        string full = _dir.Combine("full"), killed = _dir.Combine("killed");
        Assert.Equal(0, CliRun.Of("study", spec, "--out", full, "--quiet").ExitCode);

        using (var process = Process.Start(DistsnnProcess.StartInfo("study", spec, "--out", killed, "--quiet", "--local-workers", "1"))!)
        {
            var clock = Stopwatch.StartNew();
            string db = Path.Combine(killed, "results.db");
            while (StoredTrials(db) < 5 && !process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60)) Thread.Sleep(50);
            Assert.False(process.HasExited, "the study finished before it could be killed; make it longer");
            process.Kill(); // SIGKILL
            process.WaitForExit(10_000);
        }
        long stored = StoredTrials(Path.Combine(killed, "results.db"));
        Assert.InRange(stored, 5, 59);
        Assert.False(File.Exists(Path.Combine(killed, "trials.csv")));

        // Without --resume the directory is refused; with it only the missing trials run.
        Assert.Equal(2, CliRun.Of("study", spec, "--out", killed, "--quiet").ExitCode);
        var resumed = CliRun.Of("study", spec, "--out", killed, "--resume");
        Assert.True(resumed.ExitCode == 0, resumed.Stderr);
        Assert.Contains($"{stored} of 60 trials already done", resumed.Stderr);
        Assert.Equal(File.ReadAllBytes(Path.Combine(full, "trials.csv")), File.ReadAllBytes(Path.Combine(killed, "trials.csv")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(full, "summary.csv")), File.ReadAllBytes(Path.Combine(killed, "summary.csv")));
    }

    [Fact]
    public void Resume_of_a_different_spec_is_refused()
    {
        string spec = _dir.File("resume.yaml", Spec.Replace("trials: 30", "trials: 2"));
        string outDir = _dir.Combine("out");
        Assert.Equal(0, CliRun.Of("study", spec, "--out", outDir, "--quiet").ExitCode);
        var run = CliRun.Of("study", spec, "--out", outDir, "--resume", "--quiet", "--set", "seed=4");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("hash", run.Stderr);
    }

    [Fact]
    public void Resume_of_results_written_by_the_older_format_is_refused()
    {
        string spec = _dir.File("resume.yaml", Spec.Replace("trials: 30", "trials: 2"));
        string outDir = _dir.Combine("out");
        Assert.Equal(0, CliRun.Of("study", spec, "--out", outDir, "--quiet").ExitCode);
        // What a results.db of DistSnn before the batch kernel says of itself: its draws differ from today's.
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(outDir, "results.db")};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE study SET format = 'distsnn-results/1'";
            command.ExecuteNonQuery();
        }
        var run = CliRun.Of("study", spec, "--out", outDir, "--resume", "--quiet");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error:", run.Stderr);
        Assert.Contains("distsnn-results/1", run.Stderr);
        Assert.Contains("older DistSnn", run.Stderr);
        Assert.Single(run.StderrLines);
    }
}
