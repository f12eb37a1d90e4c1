using System.Diagnostics;

namespace DistSnn.Cli.Tests;

/// <summary>Real processes on loopback: a coordinator that runs no trials itself and two workers.</summary>
public class ClusterTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ClusterProcesses _cluster = new();

    public void Dispose()
    {
        _cluster.Dispose();
        _dir.Dispose();
    }

    private const string Spec = ClusterProcesses.Study;

    private static int FreePort() => ClusterProcesses.FreePort();

    [Fact]
    public void A_worker_killed_midway_loses_nothing_and_counts_nothing_twice()
    {
        string spec = _dir.File("cluster.yaml", ClusterProcesses.LongStudy);
        string config = _dir.File("fast.hocon", ClusterProcesses.FastDowning);
        byte[] expected = ClusterProcesses.SingleProcessTrials(spec, _dir.Combine("single"));
        string distributed = _dir.Combine("distributed");

        int port = FreePort();
        Process coordinator = _cluster.StartCoordinator(_dir.Combine("cache-c"), spec, distributed, port, "--local-workers", "0", "--min-workers", "2", "--config", config);
        Process doomed = _cluster.StartWorker(_dir.Combine("cache-1"), port, "--config", config);
        Process survivor = _cluster.StartWorker(_dir.Combine("cache-2"), port, "--config", config);

        string db = Path.Combine(distributed, "results.db");
        var clock = Stopwatch.StartNew();
        while (ResumeTests.StoredTrials(db) < 6 && !coordinator.HasExited && clock.Elapsed < TimeSpan.FromSeconds(90)) Thread.Sleep(50);
        Assert.False(coordinator.HasExited, "the study ended before a worker could be killed");
        doomed.Kill(); // SIGKILL, mid-study

        Assert.True(coordinator.WaitForExit(120_000), "the study did not finish after a worker died");
        coordinator.WaitForExit(); // and for its output to be read to the end
        Assert.True(coordinator.ExitCode == 0, _cluster.Output(coordinator));
        Assert.Equal(expected, File.ReadAllBytes(Path.Combine(distributed, "trials.csv")));

        // Quiet and truthful: the death is one warning on the terminal, said when the worker stopped answering (the
        // ready count already without it); Akka's own lines (INFO, the association errors repeated while the
        // address is retried, stack traces) are in the study's log file only.
        string doomedAddress = WorkerAddress(doomed);
        string output = _cluster.Output(coordinator);
        string[] aboutDoomed = output.Split('\n').Where(l => l.Contains(doomedAddress, StringComparison.Ordinal)).ToArray();
        Assert.True(aboutDoomed.Length == 1, output);
        Assert.StartsWith($"warning: worker {doomedAddress} stopped answering (1 worker ready now)", aboutDoomed[0]);
        AssertNoAkkaLines(output);
        string log = ClusterProcesses.ReadLog(ClusterProcesses.StudyLog(distributed));
        Assert.Contains("[INFO]", log);
        Assert.Contains("Marking node(s) as UNREACHABLE", log);
        int answering = log.IndexOf($"worker {doomedAddress} stopped answering", StringComparison.Ordinal);
        int gone = log.IndexOf($"worker {doomedAddress} is gone", StringComparison.Ordinal);
        Assert.True(answering >= 0 && gone > answering, log);
        // The worker that lived says what it serves, not what Akka does.
        string survived = _cluster.Output(survivor);
        Assert.Contains("study 'cluster'", survived);
        AssertNoAkkaLines(survived);
        Assert.Contains("[INFO]", ClusterProcesses.ReadLog(ClusterProcesses.WorkerLog(_dir.Combine("cache-2"))));
    }

    /// <summary>"127.0.0.1:PORT" of a worker, from the line it prints when it joins.</summary>
    private string WorkerAddress(Process worker)
    {
        var joining = System.Text.RegularExpressions.Regex.Match(_cluster.Output(worker), @"worker akka\.tcp://distsnn@([0-9.]+:\d+) joining");
        Assert.True(joining.Success, _cluster.Output(worker));
        return joining.Groups[1].Value;
    }

    private static void AssertNoAkkaLines(string output)
    {
        foreach (string akka in new[] { "[INFO]", "[WARNING]", "[ERROR]", "AssociationError", "Exception", "   at " })
            Assert.False(output.Contains(akka, StringComparison.Ordinal), $"'{akka}' on the terminal:\n{output}");
    }

    [Fact]
    public void A_trial_that_throws_on_a_worker_ends_the_study_with_its_error()
    {
        string spec = _dir.File("cluster.yaml", ClusterProcesses.ShortStudy);
        string distributed = _dir.Combine("distributed");

        int port = FreePort();
        Process coordinator = _cluster.StartCoordinator(_dir.Combine("cache-c"), spec, distributed, port, "--local-workers", "0", "--min-workers", "1");
        var fail = new Dictionary<string, string> { [DistSnn.Runtime.Actors.InjectedTrialFailure.EnvironmentVariable] = "1:1" };
        string workerLog = _dir.Combine("worker-log/w.log");
        Process worker = _cluster.StartWorker(_dir.Combine("cache-1"), port, fail, "--log", workerLog, "--verbose");

        Assert.True(coordinator.WaitForExit(90_000), "the study did not end after a trial failed on its worker: " + _cluster.Output(worker));
        coordinator.WaitForExit(); // and for its output to be read to the end
        string output = _cluster.Output(coordinator);
        Assert.True(coordinator.ExitCode == 1, output);
        string error = Assert.Single(output.Split('\n'), l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.Contains($"a trial failed on worker {WorkerAddress(worker)} (point 1, trial 1): injected failure (DISTSNN_TEST_FAIL_TRIAL) of point 1 trial 1", error);
        AssertNoAkkaLines(output.Replace("InvalidOperationException", "")); // the error line names its type
        // The worker said so too, and keeps serving (the next study).
        Assert.Contains("error: point 1 trial 1 failed", _cluster.Output(worker));
        Assert.False(worker.HasExited);
        // --log puts Akka's lines where it says; --verbose shows them on the terminal too.
        Assert.Contains("[INFO]", ClusterProcesses.ReadLog(workerLog));
        Assert.Contains("[INFO]", _cluster.Output(worker));
        Assert.Contains($"Akka's log: {workerLog}", _cluster.Output(worker));
    }

    [Fact]
    public void A_coordinator_killed_midway_resumes_and_its_workers_come_back()
    {
        string spec = _dir.File("cluster.yaml", ClusterProcesses.LongStudy);
        string config = _dir.File("fast.hocon", ClusterProcesses.FastDowning);
        byte[] expected = ClusterProcesses.SingleProcessTrials(spec, _dir.Combine("single"));
        string distributed = _dir.Combine("distributed");

        int port = FreePort();
        string[] flags = ["--local-workers", "0", "--min-workers", "2", "--config", config];
        Process first = _cluster.StartCoordinator(_dir.Combine("cache-c"), spec, distributed, port, flags);
        _cluster.StartWorker(_dir.Combine("cache-1"), port, "--config", config);
        _cluster.StartWorker(_dir.Combine("cache-2"), port, "--config", config);

        string db = Path.Combine(distributed, "results.db");
        var clock = Stopwatch.StartNew();
        while (ResumeTests.StoredTrials(db) < 6 && !first.HasExited && clock.Elapsed < TimeSpan.FromSeconds(90)) Thread.Sleep(50);
        Assert.False(first.HasExited, "the study ended before the coordinator could be killed");
        first.Kill(); // SIGKILL
        first.WaitForExit(10_000);
        long stored = ResumeTests.StoredTrials(db);
        Assert.InRange(stored, 6, 39);

        // Same address, --resume: the workers (downed with the old coordinator) join the new one by themselves.
        Process second = _cluster.StartCoordinator(_dir.Combine("cache-c"), spec, distributed, port, [.. flags, "--resume"]);
        Assert.True(second.WaitForExit(120_000), "the resumed study did not finish (did the workers come back?)");
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(expected, File.ReadAllBytes(Path.Combine(distributed, "trials.csv")));
    }

    [Fact]
    public void Two_workers_give_the_single_process_trials_csv()
    {
        string spec = _dir.File("cluster.yaml", Spec);
        byte[] expected = ClusterProcesses.SingleProcessTrials(spec, _dir.Combine("single"));
        string distributed = _dir.Combine("distributed");

        int port = FreePort();
        Process coordinator = _cluster.StartCoordinator(_dir.Combine("cache-c"), spec, distributed, port, "--local-workers", "0", "--min-workers", "2");
        _cluster.StartWorker(_dir.Combine("cache-1"), port);
        _cluster.StartWorker(_dir.Combine("cache-2"), port);

        Assert.True(coordinator.WaitForExit(120_000), "the distributed study did not finish in 120 s");
        Assert.Equal(0, coordinator.ExitCode);
        Assert.Equal(expected, File.ReadAllBytes(Path.Combine(distributed, "trials.csv")));
        // Both workers fetched and cached the study package.
        Assert.Single(Directory.GetFiles(Path.Combine(_dir.Combine("cache-1"), "distsnn", "packages"), "*.pkg"));
        Assert.Single(Directory.GetFiles(Path.Combine(_dir.Combine("cache-2"), "distsnn", "packages"), "*.pkg"));
    }

    [Fact]
    public void Spread_placement_over_two_workers_gives_the_local_trials_csv()
    {
        string spec = _dir.File("cluster.yaml", Spec);
        byte[] expected = ClusterProcesses.SingleProcessTrials(spec, _dir.Combine("single"));
        string spread = _dir.Combine("spread");

        int port = FreePort();
        Process coordinator = _cluster.StartCoordinator(_dir.Combine("cache-c"), spec, spread, port, "--set", "placement=spread", "--local-workers", "1", "--min-workers", "2");
        Process[] workers =
        [
            _cluster.StartWorker(_dir.Combine("cache-1"), port),
            _cluster.StartWorker(_dir.Combine("cache-2"), port),
        ];

        Assert.True(coordinator.WaitForExit(120_000), "the spread study did not finish in 120 s");
        Assert.Equal(0, coordinator.ExitCode);
        Assert.Equal(expected, File.ReadAllBytes(Path.Combine(spread, "trials.csv")));
        // Both workers held tiles: the trials ran on the coordinator, their tiles on the workers.
        foreach (Process worker in workers)
            Assert.True(_cluster.WaitForOutput(worker, "hosting tiles of study 'cluster'", TimeSpan.FromSeconds(5)), _cluster.Output(worker));
    }

    [Fact]
    public void A_worker_serves_one_study_after_another()
    {
        string spec = _dir.File("cluster.yaml", Spec.Replace("trials: 6", "trials: 2"));
        byte[] expected = ClusterProcesses.SingleProcessTrials(spec, _dir.Combine("single"));

        int port = FreePort();
        Process worker = _cluster.StartWorker(_dir.Combine("cache-1"), port);
        foreach (string run in new[] { "first", "second" })
        {
            // Each study ends and its coordinator leaves; the next one comes up on the same address.
            Process coordinator = _cluster.StartCoordinator(_dir.Combine("cache-c"), spec, _dir.Combine(run), port, "--local-workers", "0", "--min-workers", "1");
            Assert.True(coordinator.WaitForExit(90_000), $"the {run} study did not finish in 90 s: {_cluster.Output(worker)}");
            Assert.Equal(0, coordinator.ExitCode);
            Assert.Equal(expected, File.ReadAllBytes(Path.Combine(_dir.Combine(run), "trials.csv")));
        }
        Assert.False(worker.HasExited);
    }

    [Fact]
    public void Spread_trials_that_lose_a_worker_run_again_and_change_nothing()
    {
        string spec = _dir.File("cluster.yaml", Spec.Replace("trials: 6", "trials: 16").Replace("limit: 100", "limit: 150"));
        string config = _dir.File("fast.hocon", ClusterProcesses.FastDowning);
        byte[] expected = ClusterProcesses.SingleProcessTrials(spec, _dir.Combine("single"));
        string spread = _dir.Combine("spread");

        int port = FreePort();
        Process coordinator = _cluster.StartCoordinator(_dir.Combine("cache-c"), spec, spread, port, "--set", "placement=spread", "--local-workers", "1", "--min-workers", "2", "--config", config);
        Process doomed = _cluster.StartWorker(_dir.Combine("cache-1"), port, "--config", config);
        _cluster.StartWorker(_dir.Combine("cache-2"), port, "--config", config);

        string db = Path.Combine(spread, "results.db");
        var clock = Stopwatch.StartNew();
        while (ResumeTests.StoredTrials(db) < 4 && !coordinator.HasExited && clock.Elapsed < TimeSpan.FromSeconds(90)) Thread.Sleep(50);
        Assert.False(coordinator.HasExited, "the study ended before a worker could be killed");
        doomed.Kill(); // SIGKILL: every running trial had tiles on it

        Assert.True(coordinator.WaitForExit(120_000), "the spread study did not finish after a worker died");
        Assert.True(coordinator.ExitCode == 0, _cluster.Output(coordinator));
        Assert.Equal(expected, File.ReadAllBytes(Path.Combine(spread, "trials.csv")));
        // The dead worker is one warning on the terminal; each trial it cost is a line in the log file.
        Assert.Contains("running it again", ClusterProcesses.ReadLog(ClusterProcesses.StudyLog(spread)));
        string doomedAddress = WorkerAddress(doomed);
        Assert.Single(_cluster.Output(coordinator).Split('\n'), l => l.Contains(doomedAddress, StringComparison.Ordinal) || l.Contains("running it again", StringComparison.Ordinal));
    }
}
