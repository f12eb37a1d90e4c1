using Akka.Actor;
using Akka.TestKit.Xunit2;
using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Models;
using DistSnn.Core.Snn;
using DistSnn.Core.Trial;
using DistSnn.Runtime.Actors;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime.Tests.Actors;

/// <summary>The tile and neuron-group actors in isolation, on the built-in digits model with ideal 32 x 32 tiles.</summary>
public class TileAndGroupActorTests : TestKit
{
    private static readonly SnnModel Digits = BuiltinModels.Load("digits-mlp", "test");

    // serialize-messages = on: every message between the actors goes through the project's serializer.
    public TileAndGroupActorTests() : base(ProtocolConfig.LocalTest.WithFallback(RuntimeConfig.Local(1))) { }

    private static TrialSetup Setup(SnnModel model) =>
        new(new TrialPlan(model, new CrossbarSettings { Tile = new(32, 32) }, BuiltinDatasets.Digits("test"), 1, 4), 0, 2);

    [Fact]
    public void A_tile_turns_known_spikes_into_the_sums_of_the_active_rows_weights()
    {
        // Tile (row 1, col 0) of layer 0: inputs 32..63, outputs 0..31.
        var group = CreateTestProbe();
        TrialSetup setup = Setup(Digits);
        IActorRef tile = Sys.ActorOf(Props.Create(() => new TileActor(setup, 0, 1, 0, group.Ref)));

        // Two samples; the inputs arrive in two segments, as from two neuron groups.
        var spikes = new ulong[2];
        int[] active0 = [0, 5, 17, 31], active1 = [3, 4];
        foreach (int r in active0) spikes[0] |= 1UL << r;
        foreach (int r in active1) spikes[1] |= 1UL << r;
        tile.Tell(SpikeRouting.Segment(7, 3, spikes, 2, 32, 32, 48, 16));
        group.ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        tile.Tell(SpikeRouting.Segment(7, 3, spikes, 2, 32, 32, 32, 16));

        var partial = group.ExpectMsg<PartialSums>();
        Assert.Equal((7, 3, 1, 2, 32), (partial.Batch, partial.Round, partial.TileRow, partial.Samples, partial.Cols));
        DenseLayer layer = Digits.Layers[0];
        for (int c = 0; c < 32; c++)
        {
            // Float sums in row order, as the tile step defines them.
            Assert.Equal(active0.Aggregate(0f, (sum, r) => sum + layer.Weight(c, 32 + r)), partial.Values[c]);
            Assert.Equal(active1.Aggregate(0f, (sum, r) => sum + layer.Weight(c, 32 + r)), partial.Values[32 + c]);
        }
    }

    [Fact]
    public void A_group_completes_rounds_in_order_whatever_order_partials_arrive_in()
    {
        // Layer 1 (64 -> 10) spans two tile rows; its one group sends spikes to the readout (a probe here).
        var readout = CreateTestProbe();
        TrialSetup setup = Setup(Digits);
        IActorRef group = Sys.ActorOf(Props.Create(() => new NeuronGroupActor(setup, 1, 0, new[] { readout.Ref })));

        // Partial currents per (batch, round, tile row) for one sample: the sum decides the spikes.
        float Current(int batch, int round, int tileRow) => 0.15f + 0.1f * batch + 0.05f * round + 0.2f * tileRow;
        PartialSums Partial(int batch, int round, int tileRow) =>
            new(batch, round, tileRow, 1, 10, Enumerable.Repeat(Current(batch, round, tileRow), 10).ToArray(), []);

        var order = new[] { (1, 1, 1), (0, 1, 0), (1, 0, 0), (0, 0, 1), (1, 1, 0), (0, 0, 0), (1, 0, 1), (0, 1, 1) };
        foreach (var (b, t, tr) in order) group.Tell(Partial(b, t, tr));

        var received = Enumerable.Range(0, 4).Select(_ => readout.ExpectMsg<SpikeSegment>()).ToList();
        foreach (int batch in new[] { 0, 1 })
        {
            var mine = received.Where(s => s.Batch == batch).ToList();
            Assert.Equal([0, 1], mine.Select(s => s.Round));
            // IF, threshold 1, reset by subtraction, bias added every round.
            var bias = Digits.Layers[1].Bias!;
            var u = new double[10];
            foreach (SpikeSegment segment in mine)
            {
                var spikes = new float[10];
                PackedSpikes.Unpack(segment.Bits, spikes);
                for (int i = 0; i < 10; i++)
                {
                    u[i] += (double)(Current(batch, segment.Round, 0) + Current(batch, segment.Round, 1)) + bias[i];
                    bool fires = u[i] >= 1;
                    if (fires) u[i] -= 1;
                    Assert.Equal(fires ? 1f : 0f, spikes[i]);
                }
            }
        }
        readout.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }
}
