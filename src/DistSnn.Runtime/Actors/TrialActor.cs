using Akka.Actor;
using DistSnn.Core.Crossbar;
using DistSnn.Core.Trial;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime.Actors;

/// <summary>
/// Runs one trial: creates the encoder, the tiles, the neuron groups and the readout, feeds the batches with at
/// most <see cref="TrialSetup.BatchesInFlight"/> inside the network at once, then collects the tiles' ADC totals
/// and answers <see cref="TrialCompleted"/>. With spread placement the tiles are created on worker nodes first
/// (<see cref="TileHostActor"/>); if one of those nodes goes, the trial answers <see cref="Lost"/> and stops, to be
/// run again. It only coordinates; the arithmetic is in Core.
/// </summary>
public sealed class TrialActor : ReceiveActor
{
    /// <summary>The dispatcher a trial's actors run on (the trial, encoder, tiles, groups and readout), apart from
    /// Akka's own threads: a round's messages then never hop to another pool's thread (a hop cost the actor runtime
    /// a fifth of its time on R1).</summary>
    public const string ComputeDispatcher = "distsnn-compute";

    private readonly TrialSetup _setup;
    private readonly int _point;
    private readonly IActorRef _replyTo;
    private readonly SpreadTiles? _spread;
    private readonly List<IActorRef> _counting = new(); // tiles and neuron groups: each answers with its counters
    private readonly Dictionary<(int Layer, int Tile), IActorRef> _placed = new();
    private IActorRef _encoder = ActorRefs.Nobody;
    private string _dispatcher = ComputeDispatcher; // the trial's own: its children run where it runs (ComputeLanes)
    private int _nextBatch, _scoredBatches, _correct, _totalsReceived;
    private ChipCounters _counters = new(0);

    /// <summary>A spread trial could not finish: a node holding some of its tiles went away. Run it again.</summary>
    public sealed record Lost(int Point, int Trial, string Reason);

    /// <summary>Spread placement: the study package the hosts build tiles from, and the hosts, dealt tile by tile.</summary>
    public sealed record SpreadTiles(string PackageHash, IReadOnlyList<IActorRef> Hosts);

    /// <param name="spread">Where the tiles go; null: on this node, as children of the trial.</param>
    public TrialActor(TrialSetup setup, int point, IActorRef replyTo, SpreadTiles? spread = null)
    {
        _setup = setup;
        _point = point;
        _replyTo = replyTo;
        _spread = spread is { Hosts.Count: > 0 } ? spread : null;
    }

    protected override void PreStart()
    {
        if (Context.Props.Dispatcher.StartsWith(ComputeDispatcher, StringComparison.Ordinal)) _dispatcher = Context.Props.Dispatcher;
        if (_spread is null)
        {
            Start(LocalTile);
            return;
        }
        foreach (IActorRef host in _spread.Hosts) Context.Watch(host);
        int dealt = 0;
        for (int l = 0; l < _setup.Model.Layers.Count; l++)
        {
            TileGrid grid = _setup.Grids[l];
            for (int tr = 0; tr < grid.TileRows; tr++)
                for (int tc = 0; tc < grid.TileCols; tc++)
                    _spread.Hosts[dealt++ % _spread.Hosts.Count].Tell(new HostTile(_spread.PackageHash, _point, _setup.Trial, l, tr, tc));
        }
        Become(Placing);
    }

    /// <summary>Spread placement: waiting until every tile is programmed on its node.</summary>
    private void Placing()
    {
        int expected = _setup.Grids.Sum(g => g.Count);
        Receive<TileReady>(ready =>
        {
            Context.Watch(Sender);
            _placed[(ready.Layer, ready.Tile)] = Sender;
            if (_placed.Count == expected) Start(PlacedTile);
        });
        Receive<Terminated>(LoseTrial);
    }

    private void Running()
    {
        Receive<BatchScored>(scored =>
        {
            _correct += scored.Correct;
            _scoredBatches++;
            if (_nextBatch < _setup.Batches) Admit();
            else if (_scoredBatches == _setup.Batches)
                foreach (IActorRef counting in _counting) counting.Tell(new CounterTotalsRequest(_setup.Trial));
        });
        Receive<RoundIntegrated>(done => _encoder.Forward(done));
        Receive<CounterTotals>(totals =>
        {
            _counters.Add(ChipCounters.FromArray(totals.Counters));
            if (++_totalsReceived < _counting.Count) return;
            _replyTo.Tell(new TrialCompleted(_point, _setup.Trial, _correct, _setup.Data.Count, _counters.ToArray()));
            Context.Stop(Self);
        });
        Receive<Terminated>(LoseTrial);
    }

    /// <summary>A watched host or placed tile is gone: this trial can never finish.</summary>
    private void LoseTrial(Terminated terminated)
    {
        _replyTo.Tell(new Lost(_point, _setup.Trial, $"{terminated.ActorRef.Path} is gone"));
        Context.Stop(Self);
    }

    /// <summary>Creates the network from the readout back to the encoder (each actor needs its successors) and admits the first batches.</summary>
    private void Start(Func<int, int, int, IActorRef, IActorRef> tileFor)
    {
        _counters = new ChipCounters(_setup.Model.Layers.Count);
        var model = _setup.Model;
        IReadOnlyList<IActorRef> next = [Context.ActorOf(Props.Create(() => new ReadoutActor(_setup, Self)).WithDispatcher(_dispatcher), "readout")];
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
                    .WithDispatcher(_dispatcher), $"group-{l}-{tc}");
            }
            var tiles = new IActorRef[grid.Count];
            for (int tr = 0; tr < grid.TileRows; tr++)
                for (int tc = 0; tc < grid.TileCols; tc++)
                    tiles[grid.Index(tr, tc)] = tileFor(l, tr, tc, groups[tc]);
            _counting.AddRange(tiles);
            _counting.AddRange(groups);
            next = tiles;
        }
        IReadOnlyList<IActorRef> firstTiles = next;
        _encoder = Context.ActorOf(Props.Create(() => new EncoderActor(_setup, firstTiles)).WithDispatcher(_dispatcher), "encoder");
        Become(Running);
        while (_nextBatch < Math.Min(_setup.BatchesInFlight, _setup.Batches)) Admit();
    }

    private IActorRef LocalTile(int layer, int tileRow, int tileCol, IActorRef group) =>
        Context.ActorOf(Props.Create(() => new TileActor(_setup, layer, tileRow, tileCol, group)).WithDispatcher(_dispatcher),
            $"tile-{layer}-{_setup.Grids[layer].Index(tileRow, tileCol)}");

    /// <summary>A tile programmed on another node: told its group now (the group is the sender of the attachment).</summary>
    private IActorRef PlacedTile(int layer, int tileRow, int tileCol, IActorRef group)
    {
        int index = _setup.Grids[layer].Index(tileRow, tileCol);
        IActorRef tile = _placed[(layer, index)];
        tile.Tell(new AttachGroup(layer, index), group);
        return tile;
    }

    /// <summary>A failing child is a bug that would leave the trial waiting forever: fail the whole trial instead.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(_ => Directive.Escalate);

    private void Admit()
    {
        int batch = _nextBatch++;
        _encoder.Tell(new EncodeBatch(batch, _setup.Plan.BatchFirst(batch), _setup.Plan.BatchSamples(batch)));
    }
}
