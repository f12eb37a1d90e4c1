using Akka.Actor;
using Akka.Event;
using DistSnn.Core.Data;
using DistSnn.Core.Engine;
using DistSnn.Core.Snn;
using DistSnn.Core.Study;
using DistSnn.Core.Trial;
using DistSnn.Runtime.Cluster;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime.Actors;

/// <summary>
/// Expands a study into trials (<see cref="TrialSchedule"/>: fixed or adaptive counts, skipping trials already
/// stored) and hands them out: to at most <c>localWorkers</c> trial actors in this process, and to workers
/// that joined the cluster, each pulling as many trials as it has credits. A worker that leaves, crashes or is
/// downed has its unfinished trials handed to others; a result that arrives twice is counted once and compared
/// with the first (a difference is a determinism bug, logged as an error). A trial that throws, here or on a worker
/// (<see cref="TrialFailed"/>), ends the study with its error. With spread placement every trial runs
/// here instead, its tiles dealt over the ready workers, as many trials at once as those workers have threads; a
/// trial that loses a worker is run again. When the schedule is finished, or the study is stopped, it completes
/// <c>finished</c> with every record produced in this run.
/// </summary>
public sealed class StudyCoordinatorActor : ReceiveActor
{
    private readonly StudySpec _spec;
    private readonly PointPlans _plans;
    private readonly int _localWorkers;
    private readonly int _minWorkers;
    private readonly Action<TrialRecord> _onResult;
    private readonly TaskCompletionSource<IReadOnlyList<TrialRecord>> _finished;
    private readonly TrialSchedule _schedule;
    private readonly IReadOnlyList<PackageChunk> _chunks;
    private readonly string? _packageHash;
    // Trials to hand out, in order; a lost or returned trial goes to the front (a linked list: O(1) at both ends).
    private readonly LinkedList<(int Point, int Trial)> _queue = new();
    private readonly Dictionary<IActorRef, (int Point, int Trial)> _running = new();
    private readonly ComputeLanes _lanes;
    private readonly Dictionary<IActorRef, RemoteWorker> _workers = new();
    private readonly List<TrialRecord> _produced = new();
    private readonly Dictionary<(int Point, int Trial), int> _losses = new();
    private readonly HashSet<Address> _unreachable = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly bool _spread;
    private readonly Action<int>? _onWorkers;
    private readonly Action<TrialRecord, string?>? _onRanOn;
    private int _reportedWorkers;
    private bool _started;

    /// <summary>
    /// A spread trial lost this often is not bad luck with nodes but a bug (a tile that fails wherever it runs):
    /// the study stops. A dead node can cost a trial twice: once when it dies, once more if the trial was dealt
    /// to it again before the failure detector noticed.
    /// </summary>
    public const int MaxLosses = 5;

    /// <summary>Stops the study: running trials are abandoned, finished ones are kept.</summary>
    public sealed record Stop
    {
        public static Stop Instance { get; } = new();
    }

    /// <param name="package">What joining workers receive; null when no worker can join (a local study).</param>
    /// <param name="minWorkers">Joined workers to wait for before the first trial is handed out.</param>
    /// <param name="onWorkers">Told how many workers are ready (package loaded, reachable) whenever that changes: for the display.</param>
    /// <param name="onRanOn">Told, after <paramref name="onResult"/>, which joined worker ran a trial (<c>host:port</c>; null:
    /// this process): for the live view's throughput per worker.</param>
    public StudyCoordinatorActor(StudySpec spec, SnnModel model, Dataset data, int localWorkers, IReadOnlyList<TrialRecord> alreadyDone,
        Action<TrialRecord> onResult, TaskCompletionSource<IReadOnlyList<TrialRecord>> finished,
        StudyPackage? package = null, int minWorkers = 0, Action<int>? onWorkers = null, Action<TrialRecord, string?>? onRanOn = null)
    {
        _spec = spec;
        _plans = new PointPlans(spec, model, data);
        _localWorkers = localWorkers;
        _lanes = new ComputeLanes(localWorkers);
        _minWorkers = minWorkers;
        _onWorkers = onWorkers;
        _onRanOn = onRanOn;
        _onResult = onResult;
        _finished = finished;
        _schedule = new TrialSchedule(spec, alreadyDone);
        _packageHash = package?.Hash;
        _chunks = package is null ? [] : StudyPackageChunks.Split(package.Serialize(), package.Hash);
        // Without a cluster there is nowhere to spread to: the tiles stay here, which gives the same results.
        _spread = spec.Placement == TilePlacement.Spread && package is not null;

        Receive<TrialCompleted>(done =>
        {
            bool here = _running.Remove(Sender);
            _lanes.Ended(Sender);
            if (!here && _workers.TryGetValue(Sender, out RemoteWorker? worker))
                worker.Assigned.Remove((done.Point, done.Trial));
            Completed(done, here ? null : Sender.Path.Address);
        });
        Receive<RegisterWorker>(register =>
        {
            if (register.ProtocolVersion != RuntimeInfo.ProtocolVersion || _packageHash is null)
            {
                string reason = _packageHash is null
                    ? "this study does not accept workers"
                    : $"the worker speaks protocol version {register.ProtocolVersion}, the coordinator {RuntimeInfo.ProtocolVersion}: run the same distsnn release on every node";
                _log.Warning("refused worker {0} ({1}); the study goes on without it", Sender.Path.Address, reason);
                Sender.Tell(new RegistrationRefused(reason));
                return;
            }
            if (_workers.ContainsKey(Sender)) return;
            _log.Info("worker {0} joined with {1} thread(s)", Describe(Sender.Path.Address), register.Threads);
            Context.Watch(Sender);
            _workers[Sender] = new RemoteWorker();
            Sender.Tell(new StudyOffer(_packageHash, _chunks.Count));
        });
        Receive<PackageRequest>(request =>
        {
            if (request.Hash != _packageHash) return;
            int end = (int)Math.Min(_chunks.Count, (long)request.FromIndex + StudyPackageChunks.Window);
            for (int i = request.FromIndex; i < end; i++) Sender.Tell(_chunks[i]);
        });
        Receive<WorkRequest>(request =>
        {
            if (!_workers.TryGetValue(Sender, out RemoteWorker? worker)) return;
            // The first request, sent once the package is loaded, asks for as many trials as the worker has threads.
            if (worker.Threads == 0)
            {
                worker.Threads = request.Credits;
                ReportWorkers(ReadyWorkers.Count);
            }
            worker.Credits += request.Credits;
            Dispatch();
        });
        Receive<Terminated>(terminated =>
        {
            if (!_workers.Remove(terminated.ActorRef, out RemoteWorker? worker)) return;
            Address address = terminated.ActorRef.Path.Address;
            // A worker that died was announced once already, when it stopped answering: one warning per death.
            if (_unreachable.Remove(address))
                _log.Info("worker {0} is gone; its {1} unfinished trial(s) go to others", Describe(address), worker.Assigned.Count);
            else
                _log.Warning("worker {0} left; its {1} unfinished trial(s) go to others", Describe(address), worker.Assigned.Count);
            foreach (var item in worker.Assigned.OrderDescending()) _queue.AddFirst(item);
            ReportWorkers(ReadyWorkers.Count);
            Dispatch();
        });
        Receive<Akka.Cluster.ClusterEvent.UnreachableMember>(member =>
        {
            if (!_unreachable.Add(member.Member.Address)) return;
            ReportWorkers(ReadyWorkers.Count);
            if (_workers.FirstOrDefault(w => w.Key.Path.Address == member.Member.Address) is { Key: not null, Value: { } worker })
                _log.Warning("worker {0} stopped answering ({1} ready now); its {2} unfinished trial(s) go to others once the cluster downs it",
                    Describe(member.Member.Address), WorkersText(_reportedWorkers), worker.Assigned.Count);
        });
        Receive<Akka.Cluster.ClusterEvent.ReachableMember>(member =>
        {
            if (!_unreachable.Remove(member.Member.Address)) return;
            if (_workers.Keys.Any(w => w.Path.Address == member.Member.Address))
                _log.Warning("worker {0} answers again", Describe(member.Member.Address));
            ReportWorkers(ReadyWorkers.Count);
            Dispatch();
        });
        Receive<TrialFailed>(failed =>
        {
            // Only for a trial this worker was given: anything else on the wire is ignored.
            if (!_workers.TryGetValue(Sender, out var worker) || !worker.Assigned.Contains((failed.Point, failed.Trial))) return;
            // As for a trial that throws here (SupervisorStrategy): the study ends with the error.
            _finished.TrySetException(new InvalidOperationException(
                $"a trial failed on worker {Describe(Sender.Path.Address)} (point {failed.Point}, trial {failed.Trial}): {failed.Reason}"));
            Context.Stop(Self);
        });
        Receive<TrialActor.Lost>(lost =>
        {
            if (!_running.Remove(Sender)) return;
            _lanes.Ended(Sender);
            var item = (lost.Point, lost.Trial);
            int losses = _losses[item] = _losses.GetValueOrDefault(item) + 1;
            if (losses >= MaxLosses)
            {
                _finished.TrySetException(new InvalidOperationException(
                    $"point {lost.Point} trial {lost.Trial} was lost {losses} times (last: {lost.Reason}); stopping the study"));
                Context.Stop(Self);
                return;
            }
            // A trial is lost when a node that held its tiles is gone, which the terminal was told once already.
            _log.Info("point {0} trial {1} lost ({2}); running it again", lost.Point, lost.Trial, lost.Reason);
            _queue.AddFirst(item);
            Dispatch();
        });
        Receive<Stop>(_ =>
        {
            foreach (IActorRef trial in _running.Keys) Context.Stop(trial);
            _running.Clear();
            Finish();
        });
    }

    /// <summary>
    /// Whether this node is in a cluster: then the ready count follows the failure detector (a worker that stops
    /// answering is not ready, long before the split-brain resolver downs it), and spread trials are dealt only to
    /// workers it still reaches.
    /// </summary>
    private bool Clustered => _packageHash is not null && ((ExtendedActorSystem)Context.System).Provider is Akka.Cluster.IClusterActorRefProvider;

    protected override void PreStart()
    {
        if (Clustered)
            Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, Akka.Cluster.ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
                typeof(Akka.Cluster.ClusterEvent.IReachabilityEvent));
        Dispatch();
    }

    protected override void PostStop()
    {
        if (Clustered) Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
    }

    /// <summary>A trial that throws is a bug: report it instead of waiting for it forever. The stack trace goes to the
    /// log; the terminal gets the error once, from the command.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new TrialFailureStrategy((_, e) =>
    {
        Exception cause = Logging.NodeLog.Innermost(e);
        _log.Info("a trial failed, the study ends: {0}", e);
        _finished.TrySetException(new InvalidOperationException($"a trial failed: {cause.Message}", cause));
        return true;   // every child of the coordinator is a trial
    });

    /// <summary>A node as a user names it: host and port.</summary>
    private static string Describe(Address address) => address.Host is null ? address.ToString() : $"{address.Host}:{address.Port}";

    private static string WorkersText(int n) => $"{n} worker{(n == 1 ? "" : "s")}";

    private int Outstanding => _running.Count + _workers.Values.Sum(w => w.Assigned.Count);

    /// <param name="ranOn">The joined worker that ran the trial; null for this process.</param>
    private void Completed(TrialCompleted done, Address? ranOn)
    {
        var record = new TrialRecord(done.Point, done.Trial, new TrialResult(done.Correct, done.Total, ChipCounters.FromArray(done.Counters)));
        if (!_schedule.Complete(record))
        {
            // A late result of a trial that was handed out again: deterministic, so it must equal the first.
            if (_schedule.Find(done.Point, done.Trial) is { } first && first != record)
                _log.Error("DETERMINISM BUG: point {0} trial {1} reported as {2} and as {3}", done.Point, done.Trial, first.Result, record.Result);
            Dispatch();
            return;
        }
        _produced.Add(record);
        try
        {
            _onResult(record);
            _onRanOn?.Invoke(record, ranOn is null ? null : $"{ranOn.Host}:{ranOn.Port}");
        }
        catch (Exception e)
        {
            // The result could not be kept (storage failed, or a determinism check fired): stop the study.
            _finished.TrySetException(e);
            Context.Stop(Self);
            return;
        }
        Dispatch();
    }

    /// <summary>Hands out what it can. Runs after every result, so its cost per call stays small: the ready
    /// workers are counted where they change (joins, first work requests, losses, reachability), not here.</summary>
    private void Dispatch()
    {
        if (_queue.Count == 0 && Outstanding == 0)
            foreach (var item in _schedule.NextRound()) _queue.AddLast(item);
        if (_queue.Count == 0 && Outstanding == 0)
        {
            Finish();
            return;
        }
        List<IActorRef> ready = _started && !_spread ? [] : ReadyWorkers;
        if (!_started && (ready.Count < _minWorkers || (_spread && ready.Count == 0))) return;
        _started = true;
        int spreadCapacity = _spread ? ready.Sum(w => _workers[w].Threads) : 0;
        while (_queue.Count > 0)
        {
            if (_spread)
            {
                if (_running.Count >= spreadCapacity) break;
                StartLocal(Take(), new TrialActor.SpreadTiles(_packageHash!, ready));
            }
            else if (_running.Count < _localWorkers) StartLocal(Take());
            // A worker that stopped answering gets nothing more: its trials would wait until the cluster downs it.
            else if (_workers.FirstOrDefault(w => w.Value.Credits > 0 && !_unreachable.Contains(w.Key.Path.Address)) is { Key: { } worker, Value: { } state })
            {
                var (point, trial) = Take();
                state.Credits--;
                state.Assigned.Add((point, trial));
                worker.Tell(new RunTrial(point, trial));
            }
            else break;
        }
    }

    /// <summary>Every change of the ready workers ends here (most through a dispatch).</summary>
    private void ReportWorkers(int ready)
    {
        if (ready == _reportedWorkers) return;
        _reportedWorkers = ready;
        _onWorkers?.Invoke(ready);
    }

    private (int Point, int Trial) Take()
    {
        var item = _queue.First!.Value;
        _queue.RemoveFirst();
        return item;
    }

    /// <summary>Joined workers that loaded the package, asked for work and are reachable.</summary>
    private List<IActorRef> ReadyWorkers =>
        _workers.Where(w => w.Value.Threads > 0 && !_unreachable.Contains(w.Key.Path.Address)).Select(w => w.Key).ToList();

    /// <param name="spread">Where the trial's tiles go; null: here, with the rest of the trial.</param>
    private void StartLocal((int Point, int Trial) item, TrialActor.SpreadTiles? spread = null)
    {
        var (point, trial) = item;
        var setup = new TrialSetup(_plans.For(point), trial);
        // Beside other local trials (running, or queued to start as this one's neighbours) a trial takes a lane.
        string dispatcher = _lanes.Choose(alongside: spread is null && (_running.Count > 0 || _queue.Count > 0));
        IActorRef actor = Context.ActorOf(Props.Create(() => new TrialActor(setup, point, Self, spread)).WithDispatcher(dispatcher), $"trial-{point}-{trial}-{Guid.NewGuid():N}");
        _lanes.Started(actor, dispatcher);
        _running[actor] = item;
    }

    private void Finish()
    {
        _finished.TrySetResult(_produced.OrderBy(r => r.Point).ThenBy(r => r.Trial).ToList());
        Context.Stop(Self);
    }

    /// <summary>What a joined worker may still take and what it holds.</summary>
    private sealed class RemoteWorker
    {
        /// <summary>Trials it runs at once; 0 until it has loaded the package and asked for work.</summary>
        public int Threads { get; set; }

        public int Credits { get; set; }
        public HashSet<(int Point, int Trial)> Assigned { get; } = new();
    }
}
