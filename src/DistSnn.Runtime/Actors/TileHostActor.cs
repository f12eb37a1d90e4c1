using Akka.Actor;
using Akka.Event;
using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Snn;
using DistSnn.Core.Study;
using DistSnn.Core.Trial;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime.Actors;

/// <summary>
/// Spread placement on a worker node: creates tiles of trials that run elsewhere (<see cref="HostTile"/>), from
/// this node's copy of the study package, and answers each with <see cref="TileReady"/> sent as the tile. It
/// watches each trial it hosts tiles for and stops them when the trial ends, however it ends (finished, lost,
/// or its node gone).
/// </summary>
public sealed class TileHostActor : ReceiveActor
{
    private readonly string _packageHash;
    private readonly StudySpec _spec;
    private readonly SnnModel _model;
    private readonly PointPlans _plans;
    private readonly Dictionary<IActorRef, HostedTrial> _trials = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private bool _hosting;

    public TileHostActor(string packageHash, StudySpec spec, SnnModel model, Dataset data)
    {
        _packageHash = packageHash;
        _spec = spec;
        _model = model;
        _plans = new PointPlans(spec, model, data);

        Receive<HostTile>(request =>
        {
            if (Problem(request) is { } problem)
            {
                _log.Warning("refused to host a tile for {0}: {1}", Sender.Path, problem);
                return;
            }
            if (!_hosting)
            {
                _hosting = true;
                _log.Info("hosting tiles of study '{0}' ({1}) for trials on {2} (spread placement)", _spec.Name, _packageHash[..12], Sender.Path.Address);
            }
            if (!_trials.TryGetValue(Sender, out HostedTrial? hosted))
            {
                hosted = new HostedTrial(new TrialSetup(_plans.For(request.Point), request.Trial));
                _trials[Sender] = hosted;
                Context.Watch(Sender);
            }
            TrialSetup setup = hosted.Setup;
            int layer = request.Layer, tileRow = request.TileRow, tileCol = request.TileCol;
            TileGrid grid = setup.Grids[layer];
            if (tileRow >= grid.TileRows || tileCol >= grid.TileCols)
            {
                _log.Warning("refused to host a tile for {0}: tile ({1}, {2}) is outside layer {3}'s {4} x {5} grid",
                    Sender.Path, tileRow, tileCol, layer, grid.TileRows, grid.TileCols);
                return;
            }
            int index = grid.Index(tileRow, tileCol);
            IActorRef tile = Context.ActorOf(Props.Create(() => new TileActor(setup, layer, tileRow, tileCol, null))
                .WithDispatcher(TrialActor.ComputeDispatcher), $"tile-{request.Point}-{request.Trial}-{layer}-{index}-{Guid.NewGuid():N}");
            hosted.Tiles.Add(tile);
            Sender.Tell(new TileReady(layer, index), tile);
        });
        Receive<Terminated>(ended =>
        {
            if (!_trials.Remove(ended.ActorRef, out HostedTrial? hosted)) return;
            foreach (IActorRef tile in hosted.Tiles) Context.Stop(tile);
        });
    }

    /// <summary>A tile that programs and reads wrong is a bug; stop it, and the trial that watches it re-runs elsewhere.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(e =>
    {
        _log.Error(e, "a hosted tile failed");
        return Directive.Stop;
    });

    /// <summary>Why the request cannot be served from this package, or null (the tile's place in its grid is checked against the trial's setup).</summary>
    private string? Problem(HostTile request)
    {
        if (request.Hash != _packageHash) return $"it is for study package {request.Hash[..12]}, this node holds {_packageHash[..12]}";
        if (request.Point >= _spec.Points.Count) return $"point {request.Point} does not exist (the study has {_spec.Points.Count})";
        if (request.Layer >= _model.Layers.Count) return $"layer {request.Layer} does not exist (the model has {_model.Layers.Count})";
        return null;
    }

    /// <summary>The tiles this node holds for one trial, and the trial's setup they share.</summary>
    private sealed class HostedTrial(TrialSetup setup)
    {
        public TrialSetup Setup { get; } = setup;
        public List<IActorRef> Tiles { get; } = new();
    }
}
