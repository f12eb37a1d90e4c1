using System.Diagnostics;

namespace DistSnn.Cli.Tests;

/// <summary>
/// SIGTERM, as a scheduler or `docker stop` sends it: a study stops with exit 1, keeps what it finished and resumes
/// to the uninterrupted trials.csv; a worker leaves the cluster cleanly with exit 0 and its trials go elsewhere.
/// </summary>
public class SignalTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ClusterProcesses _cluster = new();

    public void Dispose()
    {
        _cluster.Dispose();
        _dir.Dispose();
    }

    private static void Terminate(Process process)
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString()])!;
        kill.WaitForExit(5_000);
    }

    private static void WaitForStoredTrials(string outDir, int count, Process process)
    {
        var clock = Stopwatch.StartNew();
        string db = Path.Combine(outDir, "results.db");
        while (ResumeTests.StoredTrials(db) < count && !process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(90)) Thread.Sleep(50);
        Assert.False(process.HasExited, "the study ended before the signal could be sent");
    }

    [Fact]
    public void A_study_stopped_by_sigterm_exits_1_keeps_its_trials_and_resumes_to_the_same_results()
    {
        string spec = _dir.File("study.yaml", ClusterProcesses.LongStudy);
        byte[] expected = ClusterProcesses.SingleProcessTrials(spec, _dir.Combine("single"));
        string stopped = _dir.Combine("stopped");

        Process study = _cluster.Start(_dir.Combine("cache"), "study", spec, "--out", stopped, "--local-workers", "1");
        WaitForStoredTrials(stopped, 3, study);
        Terminate(study);

        Assert.True(study.WaitForExit(30_000), "the study did not stop within 30 s of SIGTERM");
        Assert.Equal(1, study.ExitCode);
        Assert.Matches(@"error: interrupted: \d+ trial\(s\) are stored in .*results\.db; run the same command with --resume", _cluster.Output(study));
        Assert.InRange(ResumeTests.StoredTrials(Path.Combine(stopped, "results.db")), 3, 39);

        Assert.Equal(0, CliRun.Of("study", spec, "--out", stopped, "--quiet", "--resume").ExitCode);
        Assert.Equal(expected, File.ReadAllBytes(Path.Combine(stopped, "trials.csv")));
    }

    [Fact]
    public void A_worker_stopped_by_sigterm_leaves_cleanly_and_its_trials_go_to_the_other_worker()
    {
        string spec = _dir.File("study.yaml", ClusterProcesses.LongStudy);
        byte[] expected = ClusterProcesses.SingleProcessTrials(spec, _dir.Combine("single"));
        string distributed = _dir.Combine("distributed");
        int port = ClusterProcesses.FreePort();
        Process coordinator = _cluster.StartCoordinator(_dir.Combine("cache-c"), spec, distributed, port, "--local-workers", "0", "--min-workers", "2");
        Process leaving = _cluster.StartWorker(_dir.Combine("cache-1"), port);
        _cluster.StartWorker(_dir.Combine("cache-2"), port);

        WaitForStoredTrials(distributed, 4, coordinator);
        Terminate(leaving);

        // No downing wait: a worker that leaves says so, and the default 20 s stable-after never comes into it.
        Assert.True(leaving.WaitForExit(20_000), "the worker did not stop within 20 s of SIGTERM:\n" + _cluster.Output(leaving));
        Assert.Equal(0, leaving.ExitCode);
        Assert.DoesNotContain("joining again", _cluster.Output(leaving)); // stopping, not rejoining
        Assert.True(coordinator.WaitForExit(90_000), "the study did not finish after a worker left:\n" + _cluster.Output(coordinator));
        Assert.True(coordinator.ExitCode == 0, _cluster.Output(coordinator));
        Assert.Equal(expected, File.ReadAllBytes(Path.Combine(distributed, "trials.csv")));
    }
}
