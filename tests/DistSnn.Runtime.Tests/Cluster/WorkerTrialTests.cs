using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using DistSnn.Core.Study;
using DistSnn.Runtime.Actors;
using DistSnn.Runtime.Cluster;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime.Tests.Cluster;

/// <summary>
/// The worker's side of running trials: a <see cref="RunTrial"/> that is not a trial of the study is refused, and a
/// trial that throws is reported to the coordinator (<see cref="TrialFailed"/>) instead of being restarted.
/// </summary>
public class WorkerTrialTests : TestKit
{
    // A cluster node that joins nobody: the worker actor subscribes to cluster events, so it needs the cluster provider.
    public WorkerTrialTests() : base(RuntimeConfig.Cluster(new ClusterNodeSettings(ClusterRole.Worker))) { }

    private readonly TempDirectory _temp = new();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _temp.Dispose();
    }

    /// <summary>A worker holding the demo study (from its cache), ready: it has asked <paramref name="coordinator"/> for work.</summary>
    private IActorRef ReadyWorker(TestProbe coordinator, InjectedTrialFailure? fail = null)
    {
        var cache = new PackageCache(_temp.Path);
        StudyPackage package = TestPackages.Demo;
        cache.Store(package);
        IActorRef worker = Sys.ActorOf(Props.Create(() => new WorkerActor(1, cache, fail)));
        worker.Tell(new StudyOffer(package.Hash, 1), coordinator.Ref);
        Assert.Equal(1, coordinator.ExpectMsg<WorkRequest>().Credits);
        return worker;
    }

    [Fact]
    public void A_trial_that_is_not_in_the_study_is_refused()
    {
        StudySpec spec = TestPackages.Demo.ToSpec();
        TestProbe coordinator = CreateTestProbe();
        IActorRef worker = ReadyWorker(coordinator);

        EventFilter.Warning(contains: $"point {spec.Points.Count} does not exist (the study has {spec.Points.Count})")
            .ExpectOne(() => worker.Tell(new RunTrial(spec.Points.Count, 0), coordinator.Ref));
        EventFilter.Warning(contains: $"trial {spec.Trials.Max} does not exist (the study runs at most {spec.Trials.Max} per point)")
            .ExpectOne(() => worker.Tell(new RunTrial(0, spec.Trials.Max), coordinator.Ref));
        // Only the study's coordinator hands out its trials.
        EventFilter.Warning(contains: "it does not come from the coordinator of the study")
            .ExpectOne(() => worker.Tell(new RunTrial(0, 0), CreateTestProbe().Ref));
        coordinator.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void A_trial_that_throws_is_reported_to_the_coordinator_not_restarted()
    {
        TestProbe coordinator = CreateTestProbe();
        var fail = new InjectedTrialFailure(0, 1);
        IActorRef worker = ReadyWorker(coordinator, fail);

        EventFilter.Error(contains: "point 0 trial 1 failed").ExpectOne(() => worker.Tell(new RunTrial(0, 1), coordinator.Ref));
        var failed = coordinator.ExpectMsg<TrialFailed>();
        Assert.Equal(new TrialFailed(0, 1, fail.Message), failed);
        // Stopped, not restarted: a restarted trial would fail again and report again.
        coordinator.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }
}
