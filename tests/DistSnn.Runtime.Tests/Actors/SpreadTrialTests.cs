using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using DistSnn.Core.Data;
using DistSnn.Core.Models;
using DistSnn.Core.Snn;
using DistSnn.Core.Study;
using DistSnn.Runtime.Actors;
using DistSnn.Runtime.Cluster;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime.Tests.Actors;

/// <summary>
/// Spread placement inside one actor system: a trial whose tiles are created by tile hosts (what worker nodes
/// run) must report exactly what the reference engine reports, and a trial that loses a host must say so.
/// Every message goes through the wire serializer (serialize-messages), as between nodes.
/// </summary>
public class SpreadTrialTests : TestKit
{
    public SpreadTrialTests() : base(ProtocolConfig.LocalTest.WithFallback(RuntimeConfig.Local(2))) { }

    // 24 x 20 tiles: 3 x 4 tiles in layer 0, 3 x 1 in layer 1; groups straddle the next layer's tile rows.
    private const string Spec = """
        model: builtin:digits-mlp
        data: { source: digits, limit: 60 }
        timesteps: 8
        batch: 16
        placement: spread
        crossbar:
          tile: { rows: 24, cols: 20 }
          device: { programming: { sigma: 0.1 }, read: { sigma: 0.2 } }
          faults: { stuck_off: 0.05 }
          adc: { bits: 5 }
        sweep:
          - { key: crossbar.device.read.sigma, values: [0.0, 0.4] }
        trials: 3
        """;

    private static readonly SnnModel Model = BuiltinModels.Load("digits-mlp", "test");

    private static (StudySpec Spec, Dataset Data, StudyPackage Package) Study()
    {
        StudySpec spec = StudySpecReader.ReadText(Spec, "spread.yaml", null, []);
        Dataset data = DataLoader.Load(spec.Data, null, "spread.yaml");
        return (spec, data, StudyPackage.Create(Spec, "spread.yaml", [], Model, data));
    }

    /// <summary>A host reached through a probe that counts the tiles it is asked for.</summary>
    private (IActorRef Host, Func<int> Requests) CountingHost(string name, StudySpec spec, Dataset data, string hash)
    {
        IActorRef host = Sys.ActorOf(Props.Create(() => new TileHostActor(hash, spec, Model, data)), name);
        var probe = CreateTestProbe();
        int requests = 0;
        probe.SetAutoPilot(new DelegateAutoPilot((sender, message) =>
        {
            if (message is HostTile) Interlocked.Increment(ref requests);
            host.Tell(message, sender);
            return AutoPilot.KeepRunning;
        }));
        return (probe.Ref, () => Volatile.Read(ref requests));
    }

    [Fact]
    public void Tiles_dealt_over_two_hosts_give_the_reference_engines_trial()
    {
        var (spec, data, package) = Study();
        var (hostA, requestsA) = CountingHost("host-a", spec, data, package.Hash);
        var (hostB, requestsB) = CountingHost("host-b", spec, data, package.Hash);
        TrialRecord expected = new StudyRunner(spec, Model, data, 1).Run().Single(r => r.Point == 1 && r.Trial == 2);

        TrialSetup setup = TrialSetup.ForPoint(spec, 1, 2, Model, data);
        var spread = new TrialActor.SpreadTiles(package.Hash, [hostA, hostB]);
        Sys.ActorOf(Props.Create(() => new TrialActor(setup, 1, TestActor, spread)));

        var done = ExpectMsg<TrialCompleted>(TimeSpan.FromSeconds(60));
        Assert.Equal(expected.Result, new Core.Engine.TrialResult(done.Correct, done.Total, Core.Trial.ChipCounters.FromArray(done.Counters)));
        Assert.Equal((1, 2), (done.Point, done.Trial));
        // 15 tiles dealt in turn: 8 and 7.
        Assert.Equal(8, requestsA());
        Assert.Equal(7, requestsB());
    }

    [Fact]
    public void A_trial_that_loses_a_host_reports_itself_lost()
    {
        var (spec, data, package) = Study();
        IActorRef host = Sys.ActorOf(Props.Create(() => new TileHostActor(package.Hash, spec, Model, data)), "host");
        var doomed = CreateTestProbe();
        TrialSetup setup = TrialSetup.ForPoint(spec, 0, 1, Model, data);
        var spread = new TrialActor.SpreadTiles(package.Hash, [host, doomed.Ref]);
        Sys.ActorOf(Props.Create(() => new TrialActor(setup, 0, TestActor, spread)));

        doomed.ExpectMsg<HostTile>();
        Sys.Stop(doomed.Ref); // the node that should hold half the tiles is gone

        var lost = ExpectMsg<TrialActor.Lost>(TimeSpan.FromSeconds(20));
        Assert.Equal((0, 1), (lost.Point, lost.Trial));
        Assert.Contains("gone", lost.Reason);
    }

    [Fact]
    public void A_host_refuses_a_tile_of_another_package_or_outside_the_grid()
    {
        var (spec, data, package) = Study();
        IActorRef host = Sys.ActorOf(Props.Create(() => new TileHostActor(package.Hash, spec, Model, data)), "strict-host");
        host.Tell(new HostTile(PackageHash.Of("another study"u8), 0, 0, 0, 0, 0));
        host.Tell(new HostTile(package.Hash, 0, 0, 0, 3, 0)); // layer 0 has 3 tile rows: 0..2
        host.Tell(new HostTile(package.Hash, 2, 0, 0, 0, 0)); // the study has 2 points
        ExpectNoMsg(TimeSpan.FromMilliseconds(500));
        host.Tell(new HostTile(package.Hash, 1, 0, 1, 2, 0));
        Assert.Equal(new TileReady(1, 2), ExpectMsg<TileReady>());
    }
}
