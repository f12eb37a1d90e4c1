using System.Diagnostics;
using DistSnn.Runtime;
using DistSnn.Runtime.Cluster;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Cli.Tests;

/// <summary>
/// Real processes on loopback: a worker of another protocol version, or one whose cached study package is damaged,
/// is refused (or refetches) with a clear log line, and the study goes on and gives the single-process results.
/// </summary>
public class RefusedWorkerTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly TempDirectory _dir = new();
    private readonly ClusterProcesses _cluster = new();
    private RogueWorkerNode? _rogue;

    public void Dispose()
    {
        // The rogue first: it leaves at once while the worker is still there to agree, instead of waiting out
        // the leave timeout alone with a killed worker.
        _rogue?.Dispose();
        _cluster.Dispose();
        _dir.Dispose();
    }

    private const string Spec = ClusterProcesses.ShortStudy;

    private byte[] SingleProcessTrials(string spec) => ClusterProcesses.SingleProcessTrials(spec, _dir.Combine("single"));

    private Process Coordinator(string spec, string outDir, int port) =>
        _cluster.StartCoordinator(_dir.Combine("cache-c"), spec, outDir, port, "--local-workers", "0", "--min-workers", "1");

    private Process Worker(string cache, int port) => _cluster.StartWorker(cache, port);

    private void AssertFinished(Process coordinator, string outDir, byte[] singleTrials)
    {
        Assert.True(coordinator.WaitForExit((int)TimeSpan.FromSeconds(60).TotalMilliseconds), "the study did not finish:\n" + _cluster.Output(coordinator));
        Assert.True(0 == coordinator.ExitCode, "the study failed:\n" + _cluster.Output(coordinator));
        Assert.Equal(singleTrials, File.ReadAllBytes(Path.Combine(outDir, "trials.csv")));
    }

    [Fact]
    public void A_worker_of_another_protocol_version_is_refused_and_the_study_goes_on_without_it()
    {
        string spec = _dir.File("refused.yaml", Spec);
        byte[] singleTrials = SingleProcessTrials(spec);
        string distributed = _dir.Combine("distributed");
        int port = ClusterProcesses.FreePort();
        Process coordinator = Coordinator(spec, distributed, port);
        Assert.True(ClusterProcesses.WaitUntilListening(port, Patience), "the coordinator did not listen:\n" + _cluster.Output(coordinator));

        // The rogue alone first: a refused node must not count towards --min-workers, so nothing starts yet.
        _rogue = new RogueWorkerNode(port, RuntimeInfo.ProtocolVersion + 1);
        IProtocolMessage? answer = _rogue.WaitForAnswer(Patience);
        Assert.True(answer is not null, "the coordinator never answered the rogue's registration:\n" + _cluster.Output(coordinator));
        var refused = Assert.IsType<RegistrationRefused>(answer);
        string reason = $"the worker speaks protocol version {RuntimeInfo.ProtocolVersion + 1}, the coordinator {RuntimeInfo.ProtocolVersion}: run the same distsnn release on every node";
        Assert.Equal(reason, refused.Reason);
        string line = $"refused worker {_rogue.Address} ({reason}); the study goes on without it";
        Assert.True(_cluster.WaitForOutput(coordinator, line, TimeSpan.FromSeconds(10)), $"no '{line}' in the coordinator's output:\n{_cluster.Output(coordinator)}");
        Assert.StartsWith("warning: ", _cluster.Output(coordinator).Split('\n').Single(l => l.Contains(line, StringComparison.Ordinal)));
        Assert.False(coordinator.HasExited);
        Assert.Equal(0, ResumeTests.StoredTrials(Path.Combine(distributed, "results.db")));

        Worker(_dir.Combine("cache-1"), port);
        AssertFinished(coordinator, distributed, singleTrials);
    }

    [Fact]
    public void A_worker_whose_cached_package_is_damaged_says_so_fetches_it_again_and_serves_the_study()
    {
        string spec = _dir.File("refused.yaml", Spec);
        byte[] singleTrials = SingleProcessTrials(spec);
        string cache = _dir.Combine("cache-1");

        // The package the coordinator will offer, made as it makes it, stored as a worker stores it (what a first
        // run of the study leaves in the cache: a second cluster study would double this test's time).
        StudyInputs inputs = StudyInputs.Load(spec, []);
        StudyPackage package = StudyPackage.Create(inputs.SpecText, inputs.Spec.Origin, inputs.Sets, inputs.Model, inputs.Data);
        var packages = new PackageCache(Path.Combine(cache, "distsnn", "packages"));
        packages.Store(package);
        string file = packages.PathOf(package.Hash);
        byte[] whole = File.ReadAllBytes(file);
        byte[] damaged = [.. whole];
        for (int i = damaged.Length / 2; i < damaged.Length / 2 + 16; i++) damaged[i] ^= 0xFF;
        File.WriteAllBytes(file, damaged);

        string distributed = _dir.Combine("distributed");
        int port = ClusterProcesses.FreePort();
        Process coordinator = Coordinator(spec, distributed, port);
        Process worker = Worker(cache, port);
        AssertFinished(coordinator, distributed, singleTrials);
        string line = $"the cached study package {package.Hash} is damaged (its bytes no longer hash to its name); fetching it again";
        Assert.True(_cluster.WaitForOutput(worker, line, TimeSpan.FromSeconds(5)), $"no '{line}' in the worker's output:\n{_cluster.Output(worker)}");
        Assert.Equal(whole, File.ReadAllBytes(file));
    }
}
