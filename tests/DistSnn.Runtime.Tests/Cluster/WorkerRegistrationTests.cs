using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using DistSnn.Core.Data;
using DistSnn.Core.Models;
using DistSnn.Core.Study;
using DistSnn.Runtime.Actors;
using DistSnn.Runtime.Cluster;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime.Tests.Cluster;

/// <summary>The coordinator's side of a worker joining: version check, package offer and transfer, pulled trials.</summary>
public class WorkerRegistrationTests : TestKit
{
    public WorkerRegistrationTests() : base(ProtocolConfig.LocalTest.WithFallback(RuntimeConfig.Local(1))) { }

    private IActorRef Coordinator(out StudyPackage package)
    {
        StudySpec spec = StudySpecReader.ReadDemo(["data.limit=20", "timesteps=4", "trials=2"]);
        var model = BuiltinModels.Load("digits-mlp", "test");
        Dataset data = DataLoader.Load(spec.Data, null, "test");
        var p = StudyPackage.Create(StudySpecReader.DemoSpecText, spec.Origin, ["data.limit=20", "timesteps=4", "trials=2"], model, data);
        package = p;
        var finished = new TaskCompletionSource<IReadOnlyList<TrialRecord>>();
        Action<TrialRecord> ignore = Ignore;
        return Sys.ActorOf(Props.Create(() => new StudyCoordinatorActor(spec, model, data, 0, Array.Empty<TrialRecord>(), ignore, finished, p, 1)));
    }

    private static void Ignore(TrialRecord record) { }

    [Fact]
    public void A_worker_of_another_protocol_version_is_refused()
    {
        IActorRef coordinator = Coordinator(out _);
        coordinator.Tell(new RegisterWorker(RuntimeInfo.ProtocolVersion + 1, 2));
        var refused = ExpectMsg<RegistrationRefused>();
        Assert.Contains($"the worker speaks protocol version {RuntimeInfo.ProtocolVersion + 1}, the coordinator {RuntimeInfo.ProtocolVersion}", refused.Reason);
    }

    [Fact]
    public void A_worker_gets_the_package_and_then_the_trials_it_asks_for()
    {
        IActorRef coordinator = Coordinator(out StudyPackage package);
        coordinator.Tell(new RegisterWorker(RuntimeInfo.ProtocolVersion, 2));
        var offer = ExpectMsg<StudyOffer>();
        Assert.Equal(package.Hash, offer.Hash);

        coordinator.Tell(new PackageRequest(offer.Hash, 0));
        var assembly = new PackageAssembly(offer.Hash, offer.Chunks);
        for (int i = 0; i < offer.Chunks; i++) assembly.Add(ExpectMsg<PackageChunk>());
        Assert.Equal(package.Serialize(), assembly.Complete());

        coordinator.Tell(new WorkRequest(2));
        var first = ExpectMsg<RunTrial>();
        var second = ExpectMsg<RunTrial>();
        ExpectNoMsg(TimeSpan.FromMilliseconds(200)); // no credit left
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void A_trial_that_failed_on_a_worker_ends_the_study_with_its_error()
    {
        var finished = new TaskCompletionSource<IReadOnlyList<TrialRecord>>();
        StudySpec spec = StudySpecReader.ReadDemo(["data.limit=20", "timesteps=4", "trials=2"]);
        var model = BuiltinModels.Load("digits-mlp", "test");
        Dataset data = DataLoader.Load(spec.Data, null, "test");
        var package = StudyPackage.Create(StudySpecReader.DemoSpecText, spec.Origin, ["data.limit=20", "timesteps=4", "trials=2"], model, data);
        Action<TrialRecord> ignore = Ignore;
        IActorRef coordinator = Sys.ActorOf(Props.Create(() => new StudyCoordinatorActor(spec, model, data, 0, Array.Empty<TrialRecord>(), ignore, finished, package, 1)));
        coordinator.Tell(new RegisterWorker(RuntimeInfo.ProtocolVersion, 1));
        ExpectMsg<StudyOffer>();
        coordinator.Tell(new WorkRequest(1));
        RunTrial run = ExpectMsg<RunTrial>();

        // From someone who is not a worker of the study: ignored.
        coordinator.Tell(new TrialFailed(run.Point, run.Trial, "forged"), CreateTestProbe().Ref);
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        Assert.False(finished.Task.IsCompleted);

        coordinator.Tell(new TrialFailed(run.Point, run.Trial, "Index was outside the bounds of the array."));
        AwaitCondition(() => finished.Task.IsCompleted);
        string error = Assert.IsType<InvalidOperationException>(finished.Task.Exception?.InnerException).Message;
        Assert.Contains($"(point {run.Point}, trial {run.Trial}): Index was outside the bounds of the array.", error);
        Assert.StartsWith("a trial failed on worker ", error);
    }

    [Fact]
    public void A_large_package_goes_out_one_window_per_request()
    {
        StudyPackage package = TestPackages.Fashion; // 1,000 Fashion-MNIST images: several windows of chunks
        StudySpec spec = package.ToSpec();
        var finished = new TaskCompletionSource<IReadOnlyList<TrialRecord>>();
        Action<TrialRecord> ignore = Ignore;
        IActorRef coordinator = Sys.ActorOf(Props.Create(() => new StudyCoordinatorActor(
            spec, package.ToModel(), package.ToDataset(), 0, Array.Empty<TrialRecord>(), ignore, finished, package, 1)));
        coordinator.Tell(new RegisterWorker(RuntimeInfo.ProtocolVersion, 1));
        var offer = ExpectMsg<StudyOffer>();
        Assert.True(offer.Chunks > 2 * StudyPackageChunks.Window, $"{offer.Chunks} chunks");

        var assembly = new PackageAssembly(offer.Hash, offer.Chunks);
        while (!assembly.IsComplete)
        {
            int from = assembly.FirstMissing;
            coordinator.Tell(new PackageRequest(offer.Hash, from));
            int expected = Math.Min(StudyPackageChunks.Window, offer.Chunks - from);
            for (int i = 0; i < expected; i++)
            {
                var chunk = ExpectMsg<PackageChunk>();
                Assert.Equal(from + i, chunk.Index);
                assembly.Add(chunk);
            }
            ExpectNoMsg(TimeSpan.FromMilliseconds(100)); // nothing beyond the window until asked
        }
        Assert.Equal(package.Serialize(), assembly.Complete());
    }

    [Fact]
    public void A_dead_workers_trial_goes_to_another_and_its_late_result_is_ignored_or_reported_as_a_determinism_bug()
    {
        string[] sets = ["data.limit=20", "timesteps=4", "trials=2"];
        StudySpec spec = StudySpecReader.ReadDemo(sets);
        var model = BuiltinModels.Load("digits-mlp", "test");
        Dataset data = DataLoader.Load(spec.Data, null, "test");
        var package = StudyPackage.Create(StudySpecReader.DemoSpecText, spec.Origin, sets, model, data);
        var stored = new System.Collections.Concurrent.ConcurrentQueue<TrialRecord>();
        Action<TrialRecord> store = stored.Enqueue;
        var finished = new TaskCompletionSource<IReadOnlyList<TrialRecord>>();
        IActorRef coordinator = Sys.ActorOf(Props.Create(() => new StudyCoordinatorActor(
            spec, model, data, 0, Array.Empty<TrialRecord>(), store, finished, package, 2)));

        TestProbe doomed = CreateTestProbe(), survivor = CreateTestProbe();
        foreach (TestProbe worker in new[] { doomed, survivor })
        {
            coordinator.Tell(new RegisterWorker(RuntimeInfo.ProtocolVersion, 1), worker.Ref);
            worker.ExpectMsg<StudyOffer>();
            coordinator.Tell(new WorkRequest(1), worker.Ref);
        }
        RunTrial lost = doomed.ExpectMsg<RunTrial>();
        RunTrial other = survivor.ExpectMsg<RunTrial>();

        // The worker dies holding a trial: it goes to the survivor when it asks for more.
        EventFilter.Warning(contains: "its 1 unfinished trial(s) go to others").ExpectOne(() => Sys.Stop(doomed.Ref));
        TrialCompleted Result(RunTrial run, int correct) => new(run.Point, run.Trial, correct, 20, []);
        coordinator.Tell(Result(other, 18), survivor.Ref);
        coordinator.Tell(new WorkRequest(1), survivor.Ref);
        Assert.Equal(lost, survivor.ExpectMsg<RunTrial>());
        coordinator.Tell(Result(lost, 17), survivor.Ref);
        AwaitCondition(() => stored.Count == 2);

        // The dead worker's result arrives late: the same one is ignored; a different one is a determinism bug.
        coordinator.Tell(Result(lost, 17), doomed.Ref);
        EventFilter.Error(contains: $"DETERMINISM BUG: point {lost.Point} trial {lost.Trial}").ExpectOne(() => coordinator.Tell(Result(lost, 16), doomed.Ref));
        Assert.Equal(2, stored.Count);
        Assert.Single(stored, r => (r.Point, r.Trial) == (lost.Point, lost.Trial) && r.Result.Correct == 17);
    }
}
