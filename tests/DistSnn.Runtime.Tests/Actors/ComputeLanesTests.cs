using Akka.Actor;
using Akka.TestKit.Xunit2;
using DistSnn.Core.Crossbar;
using DistSnn.Core.Models;
using DistSnn.Core.Trial;
using DistSnn.Runtime.Actors;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime.Tests.Actors;

/// <summary>Which dispatcher a trial runs on: the shared pool alone, a lane beside others (results are the same either
/// way: RuntimeMatchesReferenceTests runs several trials on two workers, hence on lanes).</summary>
public class ComputeLanesTests : TestKit
{
    public ComputeLanesTests() : base(ProtocolConfig.LocalTest.WithFallback(RuntimeConfig.Local(2))) { }

    [Fact]
    public void A_node_with_two_compute_threads_has_two_lanes_beside_the_shared_pool()
    {
        Assert.True(Sys.Dispatchers.HasDispatcher(ComputeLanes.Shared));
        Assert.True(Sys.Dispatchers.HasDispatcher(ComputeLanes.Lane(0)));
        Assert.True(Sys.Dispatchers.HasDispatcher(ComputeLanes.Lane(1)));
        Assert.False(Sys.Dispatchers.HasDispatcher(ComputeLanes.Lane(2)));
    }

    [Fact]
    public void A_trial_alone_takes_the_shared_pool_and_trials_side_by_side_the_least_busy_lane()
    {
        var lanes = new ComputeLanes(2);
        IActorRef a = CreateTestProbe().Ref, b = CreateTestProbe().Ref, c = CreateTestProbe().Ref;
        Assert.Equal(ComputeLanes.Shared, lanes.Choose(alongside: false));

        string first = lanes.Choose(alongside: true);
        Assert.Equal(ComputeLanes.Lane(0), first);
        lanes.Started(a, first);
        string second = lanes.Choose(alongside: true);
        Assert.Equal(ComputeLanes.Lane(1), second);
        lanes.Started(b, second);
        // Both lanes busy: the lowest index first; a third trial shares it.
        Assert.Equal(ComputeLanes.Lane(0), lanes.Choose(alongside: true));
        lanes.Started(c, ComputeLanes.Lane(0));
        Assert.Equal(ComputeLanes.Lane(1), lanes.Choose(alongside: true));

        lanes.Ended(a);
        lanes.Ended(c);
        lanes.Ended(c);                           // ended twice, or never started here: ignored
        lanes.Ended(CreateTestProbe().Ref);
        Assert.Equal(ComputeLanes.Lane(0), lanes.Choose(alongside: true));
        lanes.Started(a, ComputeLanes.Shared);    // the shared pool is no lane: nothing counted
        Assert.Equal(ComputeLanes.Lane(0), lanes.Choose(alongside: true));
    }

    [Fact]
    public void One_compute_thread_has_no_lanes()
    {
        var lanes = new ComputeLanes(1);
        Assert.Equal(ComputeLanes.Shared, lanes.Choose(alongside: true));
    }

    [Fact]
    public void A_trial_on_a_lane_runs_its_tiles_groups_encoder_and_readout_on_that_lane()
    {
        // The reference model on 1,000 Fashion-MNIST images: long enough to look at the children while it runs.
        var plan = new TrialPlan(ModelFile.Load(Cluster.TestPackages.FashionModelPath), new CrossbarSettings(), Cluster.TestPackages.FashionData(), 1, 64);
        var setup = new TrialSetup(plan, 0);
        IActorRef trial = Sys.ActorOf(Props.Create(() => new TrialActor(setup, 0, TestActor, null)).WithDispatcher(ComputeLanes.Lane(1)), "trial");
        string[] children = ["encoder", "readout", "tile-0-0", "tile-0-27", "group-0-0", "group-1-0"];
        var cell = (ActorRefWithCell)trial;
        AwaitCondition(() => children.All(c => !cell.GetSingleChild(c).IsNobody()), TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(2));
        Assert.Equal(ComputeLanes.Lane(1), Dispatcher(trial));
        foreach (string child in children) Assert.Equal(ComputeLanes.Lane(1), Dispatcher(cell.GetSingleChild(child)));
        ExpectMsg<TrialCompleted>(TimeSpan.FromSeconds(60));
    }

    private static string Dispatcher(IActorRef actor) => ((ActorRefWithCell)actor).Underlying.Props.Dispatcher;
}
