using Akka.Actor;
using Akka.Event;
using DistSnn.Core.Data;
using DistSnn.Core.Snn;
using DistSnn.Core.Study;
using DistSnn.Core.Trial;
using DistSnn.Runtime.Cluster;
using DistSnn.Runtime.Logging;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime.Actors;

/// <summary>
/// A worker node's agent: when a coordinator is up in the cluster it registers, fetches the study package
/// (or takes it from its cache), checks it, and then pulls trials, running each as a local trial actor and
/// sending the result back with a request for one more. For a study with spread placement it also hosts tiles
/// of trials that run on the coordinator (<see cref="TileHostActor"/>). A damaged package, cached or received,
/// is logged with its hash and never run. A trial that throws is reported to the coordinator
/// (<see cref="TrialFailed"/>), which ends the study with that error; a <see cref="RunTrial"/> that is not a trial of
/// the study is refused.
/// </summary>
public sealed class WorkerActor : ReceiveActor
{
    private readonly int _threads;
    private readonly ComputeLanes _lanes;
    private readonly PackageCache _cache;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly InjectedTrialFailure? _failTrial;
    // The trials running here, by their actor: what a failure report names.
    private readonly Dictionary<IActorRef, (int Point, int Trial)> _running = new();
    private IActorRef _coordinator = ActorRefs.Nobody;
    private PackageAssembly? _assembly;
    private bool _fetchRetried;
    private PointPlans? _plans;
    private StudySpec? _spec;
    private IActorRef _tileHost = ActorRefs.Nobody;

    /// <param name="failTrial">Test only: the trial to fail on purpose (<see cref="InjectedTrialFailure"/>).</param>
    public WorkerActor(int threads, PackageCache cache, InjectedTrialFailure? failTrial = null)
    {
        _threads = threads;
        _lanes = new ComputeLanes(threads);
        _cache = cache;
        _failTrial = failTrial;

        Receive<Akka.Cluster.ClusterEvent.MemberUp>(up =>
        {
            if (!up.Member.HasRole("coordinator")) return;
            _log.Info("coordinator {0} is up; registering", up.Member.Address);
            Context.ActorSelection(new RootActorPath(up.Member.Address) / "user" / "study")
                .Tell(new RegisterWorker(RuntimeInfo.ProtocolVersion, _threads));
        });
        Receive<Akka.Cluster.ClusterEvent.MemberRemoved>(removed =>
        {
            if (!removed.Member.HasRole("coordinator")) return;
            // The study is over (or its coordinator died): leave too, so that this node's system ends and the
            // worker joins afresh whichever coordinator comes up next on the same address.
            _log.Info("coordinator {0} left the cluster; this worker leaves too and will join the next one", removed.Member.Address);
            var cluster = Akka.Cluster.Cluster.Get(Context.System);
            cluster.Leave(cluster.SelfAddress);
        });
        Receive<Akka.Cluster.ClusterEvent.IMemberEvent>(_ => { });
        Receive<RegistrationRefused>(refused => _log.Error("the coordinator refused this worker: {0}", refused.Reason));
        Receive<StudyOffer>(offer =>
        {
            _coordinator = Sender;
            _fetchRetried = false;
            if (_cache.TryLoad(offer.Hash, out StudyPackage? cached, out string? damage))
            {
                Ready(cached);
                return;
            }
            if (damage is not null) _log.Warning("the cached study package {0} is damaged ({1}); fetching it again", offer.Hash, damage);
            Fetch(offer.Hash, offer.Chunks);
        });
        Receive<PackageChunk>(chunk =>
        {
            if (_assembly is not { } assembly) return;
            byte[] bytes;
            try
            {
                assembly.Add(chunk);
                if (!assembly.IsComplete)
                {
                    // A window is in: ask for the next one (the coordinator sends one window per request).
                    if (assembly.Received % StudyPackageChunks.Window == 0) Sender.Tell(new PackageRequest(assembly.Hash, assembly.FirstMissing));
                    return;
                }
                bytes = assembly.Complete();
            }
            catch (InvalidDataException e)
            {
                TransferFailed(assembly, e.Message.TrimEnd('.'));
                return;
            }
            _assembly = null;

            StudyPackage package;
            try
            {
                package = StudyPackage.Deserialize(bytes);
            }
            catch (InvalidDataException e)
            {
                // The bytes are the announced ones, so fetching them again cannot help.
                _log.Error("refusing the study package {0}: {1}; this worker takes no work for this study", assembly.Hash, e.Message.TrimEnd('.'));
                return;
            }
            _cache.Store(package);
            Ready(package);
        });
        Receive<RunTrial>(run =>
        {
            if (_plans is null || _spec is null) return;
            if (Problem(run) is { } problem)
            {
                _log.Warning("refused to run a trial for {0}: {1}", Sender.Path, problem);
                return;
            }
            var setup = new TrialSetup(_plans.For(run.Point), run.Trial);
            // The coordinator deals this worker up to one trial per thread: a study of more than one trial has them
            // side by side here, each on a lane.
            string dispatcher = _lanes.Choose(alongside: _running.Count > 0 || _spec.Points.Count * _spec.Trials.Max > 1);
            Props props = _failTrial is { } fail && fail == new InjectedTrialFailure(run.Point, run.Trial)
                ? fail.Props()
                : Props.Create(() => new TrialActor(setup, run.Point, Self)).WithDispatcher(dispatcher);
            IActorRef trial = Context.ActorOf(props, $"trial-{run.Point}-{run.Trial}-{Guid.NewGuid():N}");
            _lanes.Started(trial, dispatcher);
            _running[trial] = (run.Point, run.Trial);
        });
        Receive<HostTile>(request => _tileHost.Forward(request));
        Receive<TrialCompleted>(done =>
        {
            _running.Remove(Sender);
            _lanes.Ended(Sender);
            _coordinator.Tell(done);
            _coordinator.Tell(new WorkRequest(1));
        });
    }

    /// <summary>A failed trial is reported, not restarted: Akka's default would restart it and the coordinator would wait for it forever.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new TrialFailureStrategy((child, cause) =>
    {
        _lanes.Ended(child);
        if (!_running.Remove(child, out var item))
        {
            _log.Error(cause, "{0} failed; it starts again", child.Path.Name);
            return false;
        }
        string reason = NodeLog.Innermost(cause).Message;
        _log.Error(cause, "point {0} trial {1} failed; the study ends with this error", item.Point, item.Trial);
        // Cut to what the message allows (ProtocolValidation.TrialFailed): a reason is for a person, not a dump.
        _coordinator.Tell(new TrialFailed(item.Point, item.Trial, reason.Length > 4000 ? reason[..4000] + "..." : reason));
        return true;
    });

    /// <summary>Why <paramref name="run"/> is not a trial of the study this worker holds, or null (the wire checks only that its numbers are not negative).</summary>
    private string? Problem(RunTrial run)
    {
        if (!Sender.Equals(_coordinator)) return "it does not come from the coordinator of the study";
        if (run.Point >= _spec!.Points.Count) return $"point {run.Point} does not exist (the study has {_spec.Points.Count})";
        if (run.Trial >= _spec.Trials.Max) return $"trial {run.Trial} does not exist (the study runs at most {_spec.Trials.Max} per point)";
        return null;
    }

    protected override void PreStart() =>
        Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, Akka.Cluster.ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(Akka.Cluster.ClusterEvent.MemberUp), typeof(Akka.Cluster.ClusterEvent.MemberRemoved));

    protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);

    private void Fetch(string hash, int chunks)
    {
        _assembly = new PackageAssembly(hash, chunks);
        _coordinator.Tell(new PackageRequest(hash, 0));
    }

    /// <summary>
    /// Chunks that do not make the announced package. Fetched once more, in case the damage happened on the way;
    /// a second failure means the coordinator sends it so, and a worker that asked for trials of a package it could
    /// not check would compute wrong results, so it stays idle for this study (the coordinator gives it no work
    /// until it asks).
    /// </summary>
    private void TransferFailed(PackageAssembly assembly, string problem)
    {
        _assembly = null;
        if (!_fetchRetried)
        {
            _fetchRetried = true;
            _log.Warning("the study package {0} arrived damaged ({1}); fetching it once more", assembly.Hash, problem);
            Fetch(assembly.Hash, assembly.Count);
            return;
        }
        _log.Error("the study package {0} arrived damaged again ({1}); this worker takes no work for this study", assembly.Hash, problem);
    }

    private void Ready(StudyPackage package)
    {
        StudySpec spec;
        SnnModel model;
        Dataset data;
        try
        {
            spec = package.ToSpec();
            model = package.ToModel();
            data = package.ToDataset();
        }
        catch (Exception e) when (e is InvalidDataException or Core.InputException)
        {
            // Whole and as announced, but not a study this release can run (a spec or model it does not read).
            _log.Error("refusing the study package {0}: {1}; this worker takes no work for this study", package.Hash, e.Message.TrimEnd('.'));
            return;
        }
        _plans = new PointPlans(spec, model, data);
        _spec = spec;
        if (!_tileHost.IsNobody()) Context.Stop(_tileHost);
        _tileHost = Context.ActorOf(Props.Create(() => new TileHostActor(package.Hash, spec, model, data)), $"tiles-{package.Hash[..12]}-{Guid.NewGuid():N}");
        _log.Info("study '{0}' ({1}) ready: asking for {2} trial(s)", spec.Name, package.Hash[..12], _threads);
        _coordinator.Tell(new WorkRequest(_threads));
    }
}
