using Akka.Actor;
using DistSnn.Core.Crossbar;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime.Actors;

/// <summary>
/// Runs one trial: creates the encoder, the tiles, the neuron groups and the readout, feeds the batches with at
/// most <see cref="TrialSetup.BatchesInFlight"/> inside the network at once, then collects the tiles' ADC totals
/// and answers <see cref="TrialCompleted"/>. It only coordinates; the arithmetic is in Core.
/// </summary>
public sealed class TrialActor : ReceiveActor
{
    /// <summary>The dispatcher tile and neuron arithmetic runs on, apart from Akka's own threads.</summary>
    public const string ComputeDispatcher = "distsnn-compute";

    private readonly TrialSetup _setup;
    private readonly int _point;
    private readonly IActorRef _replyTo;
    private readonly List<IActorRef> _tiles = new();
    private IActorRef _encoder = ActorRefs.Nobody;
    private int _nextBatch, _scoredBatches, _correct, _totalsReceived;
    private long _clipped, _conversions;

    public TrialActor(TrialSetup setup, int point, IActorRef replyTo)
    {
        _setup = setup;
        _point = point;
        _replyTo = replyTo;

        Receive<BatchScored>(scored =>
        {
            _correct += scored.Correct;
            _scoredBatches++;
            if (_nextBatch < _setup.Batches) Admit();
            else if (_scoredBatches == _setup.Batches)
                foreach (IActorRef tile in _tiles) tile.Tell(new TileTotalsRequest(_setup.Trial));
        });
        Receive<RoundIntegrated>(done => _encoder.Forward(done));
        Receive<TileTotals>(totals =>
        {
            _clipped += totals.AdcClipped;
            _conversions += totals.AdcConversions;
            if (++_totalsReceived < _tiles.Count) return;
            _replyTo.Tell(new TrialCompleted(_point, _setup.Trial, _correct, _setup.Data.Count, _clipped, _conversions));
            Context.Stop(Self);
        });
    }

    protected override void PreStart()
    {
        var model = _setup.Model;
        IReadOnlyList<IActorRef> next = [Context.ActorOf(Props.Create(() => new ReadoutActor(_setup, Self)), "readout")];
        for (int l = model.Layers.Count - 1; l >= 0; l--)
        {
            TileGrid grid = _setup.Grids[l];
            int layer = l;
            IReadOnlyList<IActorRef> downstream = next;
            var groups = new IActorRef[grid.TileCols];
            for (int tc = 0; tc < grid.TileCols; tc++)
            {
                int tileCol = tc;
                groups[tc] = Context.ActorOf(Props.Create(() => new NeuronGroupActor(_setup, layer, tileCol, downstream))
                    .WithDispatcher(ComputeDispatcher), $"group-{l}-{tc}");
            }
            var tiles = new IActorRef[grid.Count];
            for (int tr = 0; tr < grid.TileRows; tr++)
            {
                for (int tc = 0; tc < grid.TileCols; tc++)
                {
                    int tileRow = tr, tileCol = tc;
                    IActorRef group = groups[tc];
                    tiles[grid.Index(tr, tc)] = Context.ActorOf(Props.Create(() => new TileActor(_setup, layer, tileRow, tileCol, group))
                        .WithDispatcher(ComputeDispatcher), $"tile-{l}-{grid.Index(tr, tc)}");
                }
            }
            _tiles.AddRange(tiles);
            next = tiles;
        }
        IReadOnlyList<IActorRef> firstTiles = next;
        _encoder = Context.ActorOf(Props.Create(() => new EncoderActor(_setup, firstTiles)).WithDispatcher(ComputeDispatcher), "encoder");
        while (_nextBatch < Math.Min(_setup.BatchesInFlight, _setup.Batches)) Admit();
    }

    /// <summary>A failing child is a bug that would leave the trial waiting forever: fail the whole trial instead.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Escalate);

    private void Admit()
    {
        int batch = _nextBatch++;
        _encoder.Tell(new EncodeBatch(batch, _setup.BatchFirst(batch), _setup.BatchSamples(batch)));
    }
}
