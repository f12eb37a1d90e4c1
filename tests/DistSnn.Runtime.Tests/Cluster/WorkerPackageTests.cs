using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using DistSnn.Runtime.Actors;
using DistSnn.Runtime.Cluster;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime.Tests.Cluster;

/// <summary>
/// The worker's side of getting a study package: a damaged cached copy or damaged chunks are logged with the
/// package's hash; a package that cannot be checked is never run (no work is asked for).
/// </summary>
public class WorkerPackageTests : TestKit
{
    // A cluster node that joins nobody: the worker actor subscribes to cluster events, so it needs the cluster provider.
    public WorkerPackageTests() : base(RuntimeConfig.Cluster(new ClusterNodeSettings(ClusterRole.Worker))) { }

    private const int Threads = 2;
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    private IActorRef Worker(PackageCache cache) => Sys.ActorOf(Props.Create(() => new WorkerActor(Threads, cache)));

    private static IReadOnlyList<PackageChunk> Chunks(StudyPackage package) => StudyPackageChunks.Split(package.Serialize(), package.Hash);

    /// <summary>The chunks with one bit of the middle chunk's middle byte flipped.</summary>
    private static IReadOnlyList<PackageChunk> Damaged(IReadOnlyList<PackageChunk> chunks) =>
        chunks.Select((c, i) => i == chunks.Count / 2 ? c with { Bytes = Flipped(c.Bytes) } : c).ToList();

    private static byte[] Flipped(byte[] bytes)
    {
        byte[] copy = [.. bytes];
        copy[copy.Length / 2] ^= 0x40;
        return copy;
    }

    private static void Send(IActorRef worker, IEnumerable<PackageChunk> chunks, TestProbe from)
    {
        foreach (PackageChunk chunk in chunks) worker.Tell(chunk, from.Ref);
    }

    private static void ExpectFetch(TestProbe coordinator, string hash)
    {
        var request = coordinator.ExpectMsg<PackageRequest>();
        Assert.Equal(new PackageRequest(hash, 0), request);
    }

    /// <summary>A worker with an empty cache in <paramref name="directory"/>, offered a package of <paramref name="chunks"/> chunks, which it asked for.</summary>
    private (IActorRef Worker, TestProbe Coordinator, PackageCache Cache) Offered(string directory, string hash, int chunks)
    {
        var cache = new PackageCache(directory);
        TestProbe coordinator = CreateTestProbe();
        IActorRef worker = Worker(cache);
        worker.Tell(new StudyOffer(hash, chunks), coordinator.Ref);
        ExpectFetch(coordinator, hash);
        return (worker, coordinator, cache);
    }

    [Fact]
    public void A_damaged_cached_package_is_logged_by_hash_fetched_again_and_cached_whole()
    {
        using var temp = new TempDirectory();
        var cache = new PackageCache(temp.Path);
        StudyPackage package = TestPackages.Demo;
        cache.Store(package);
        string path = cache.PathOf(package.Hash);
        File.WriteAllBytes(path, Flipped(File.ReadAllBytes(path)));
        IReadOnlyList<PackageChunk> chunks = Chunks(package);
        TestProbe coordinator = CreateTestProbe();
        IActorRef worker = Worker(cache);

        EventFilter.Warning(contains: $"the cached study package {package.Hash} is damaged (its bytes no longer hash to its name); fetching it again")
            .ExpectOne(() => worker.Tell(new StudyOffer(package.Hash, chunks.Count), coordinator.Ref));
        ExpectFetch(coordinator, package.Hash);
        Send(worker, chunks, coordinator);

        Assert.Equal(Threads, coordinator.ExpectMsg<WorkRequest>().Credits);
        Assert.Equal(package.Serialize(), File.ReadAllBytes(path));
    }

    [Fact]
    public void A_package_that_arrives_damaged_once_is_fetched_once_more()
    {
        using var temp = new TempDirectory();
        StudyPackage package = TestPackages.Demo;
        IReadOnlyList<PackageChunk> chunks = Chunks(package);
        var (worker, coordinator, cache) = Offered(temp.Path, package.Hash, chunks.Count);

        EventFilter.Warning(contains: $"the study package {package.Hash} arrived damaged (corrupted study package: hash ")
            .ExpectOne(() => Send(worker, Damaged(chunks), coordinator));
        ExpectFetch(coordinator, package.Hash);
        Send(worker, chunks, coordinator);

        Assert.Equal(Threads, coordinator.ExpectMsg<WorkRequest>().Credits);
        Assert.True(cache.TryLoad(package.Hash, out _, out _));
    }

    [Fact]
    public void A_package_that_arrives_damaged_twice_is_refused_and_no_work_is_asked_for()
    {
        using var temp = new TempDirectory();
        StudyPackage package = TestPackages.Demo;
        IReadOnlyList<PackageChunk> chunks = Chunks(package);
        var (worker, coordinator, _) = Offered(temp.Path, package.Hash, chunks.Count);
        Send(worker, Damaged(chunks), coordinator);
        ExpectFetch(coordinator, package.Hash);

        EventFilter.Error(contains: $"the study package {package.Hash} arrived damaged again (corrupted study package: hash ")
            .ExpectOne(() => Send(worker, Damaged(chunks), coordinator));
        coordinator.ExpectNoMsg(Quiet); // neither a third fetch nor a work request
        worker.Tell(new RunTrial(0, 0), coordinator.Ref); // handed out anyway: ignored, nothing to run it with
        coordinator.ExpectNoMsg(Quiet);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void A_package_that_hashes_right_but_does_not_read_is_refused_without_fetching_again()
    {
        using var temp = new TempDirectory();
        byte[] garbage = [1, 2, 3];
        string hash = PackageHash.Of(garbage);
        var (worker, coordinator, _) = Offered(temp.Path, hash, 1);

        EventFilter.Error(contains: $"refusing the study package {hash}: Malformed study package")
            .ExpectOne(() => Send(worker, StudyPackageChunks.Split(garbage, hash), coordinator));
        coordinator.ExpectNoMsg(Quiet);
        Assert.Empty(Directory.GetFiles(temp.Path));
    }

    [Fact]
    public void A_whole_package_whose_spec_this_release_cannot_read_is_refused_without_work()
    {
        using var temp = new TempDirectory();
        StudyPackage demo = TestPackages.Demo;
        // Intact and as announced, but its spec has a key this release does not know (a newer coordinator's spec).
        StudyPackage package = StudyPackage.Create("model: builtin:digits-mlp\nfuture_key: 1\n", "newer.yaml", [], demo.ToModel(), demo.ToDataset());
        IReadOnlyList<PackageChunk> chunks = Chunks(package);
        var (worker, coordinator, _) = Offered(temp.Path, package.Hash, chunks.Count);

        EventFilter.Error(contains: $"refusing the study package {package.Hash}: newer.yaml: future_key").ExpectOne(() => Send(worker, chunks, coordinator));
        coordinator.ExpectNoMsg(Quiet); // no work asked for
    }
}
