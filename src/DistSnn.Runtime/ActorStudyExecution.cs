using Akka.Actor;
using Akka.Configuration;
using DistSnn.Core.Data;
using DistSnn.Core.Snn;
using DistSnn.Core.Study;
using DistSnn.Runtime.Actors;
using DistSnn.Runtime.Cluster;
using DistSnn.Runtime.Logging;

namespace DistSnn.Runtime;

/// <summary>
/// Runs a study on the actor runtime in this process: an actor system with a study coordinator that runs
/// <c>workers</c> trials at once, each trial a tree of tile, neuron-group, encoder and readout actors.
/// </summary>
public sealed class ActorStudyExecution : IStudyExecution
{
    private readonly StudySpec _spec;
    private readonly SnnModel _model;
    private readonly Dataset _data;
    private readonly int _workers;
    private readonly IReadOnlyList<TrialRecord> _alreadyDone;
    private readonly Config? _config;
    private readonly ClusterNodeSettings? _node;
    private readonly StudyPackage? _package;
    private readonly int _minWorkers;
    private readonly ClusterTls? _tls;
    private readonly NodeLog? _log;
    private int _readyWorkers;

    /// <param name="alreadyDone">Trials stored by an earlier run of the same study (resume): not run again.</param>
    /// <param name="config">Extra Akka configuration on top of <see cref="RuntimeConfig.Local"/> (tests: serialize-messages).</param>
    /// <param name="node">Make this process a cluster coordinator that workers join (null: a local study).</param>
    /// <param name="package">What joining workers receive (with <paramref name="node"/>).</param>
    /// <param name="minWorkers">Joined workers to wait for before the first trial.</param>
    /// <param name="tls">The node's TLS when its configuration turns it on (<see cref="ClusterTls.FromConfig"/>).</param>
    /// <param name="log">Where Akka's log goes (the study's log file, and the terminal as it says); null: Akka's default, standard output.</param>
    public ActorStudyExecution(StudySpec spec, SnnModel model, Dataset data, int workers, IReadOnlyList<TrialRecord>? alreadyDone = null, Config? config = null,
        ClusterNodeSettings? node = null, StudyPackage? package = null, int minWorkers = 0, ClusterTls? tls = null, NodeLog? log = null)
    {
        if (workers < 0 || (workers == 0 && node is null)) throw new ArgumentOutOfRangeException(nameof(workers), "a local study needs at least one worker");
        _spec = spec;
        _model = model;
        _data = data;
        _workers = workers;
        _alreadyDone = alreadyDone ?? [];
        _config = config;
        _node = node;
        _package = package;
        _minWorkers = minWorkers;
        _tls = tls;
        _log = log;
    }

    public event Action<TrialRecord>? TrialCompleted;

    /// <summary>Raised right after <see cref="TrialCompleted"/> with where the trial ran: a joined worker's <c>host:port</c>,
    /// or null for this process (its local workers, or a spread trial, whose tiles ran on many nodes).</summary>
    public event Action<TrialRecord, string?>? TrialRanOn;

    /// <summary>Joined workers that are ready and reachable right now; null for a study without a cluster.</summary>
    public int? ReadyWorkers => _node is null ? null : Volatile.Read(ref _readyWorkers);

    private void WorkersChanged(int ready) => Volatile.Write(ref _readyWorkers, ready);

    private void Report(TrialRecord record) => TrialCompleted?.Invoke(record);

    private void ReportRanOn(TrialRecord record, string? worker) => TrialRanOn?.Invoke(record, worker);

    private string StoppedEarly(ActorSystem system) =>
        "this node's actor system stopped before the study ended (" +
        (ClusterTls.StoppedByHandshakeFailure(system)
            ? $"an outbound TLS handshake failed: {_log?.Where ?? "the output above"} says why"
            : $"{CoordinatedShutdown.Get(system).ShutdownReason}") +
        "); the finished trials are stored: run the same command with --resume";

    public IReadOnlyList<TrialRecord> Run(CancellationToken cancel = default)
    {
        Config config = _node is null
            ? (_config is null ? RuntimeConfig.Local(_workers) : _config.WithFallback(RuntimeConfig.Local(_workers)))
            : RuntimeConfig.Cluster(_node with { ComputeThreads = Math.Max(1, _workers) }, _config);
        if (_node is not null) SpreadFrameSize.Check(_spec, config);
        using ActorSystem system = ClusterNodeSystem.Create(config, _tls, _log);
        if (_node is { Port: 0 }) Akka.Cluster.Cluster.Get(system).Join(Akka.Cluster.Cluster.Get(system).SelfAddress);
        var finished = new TaskCompletionSource<IReadOnlyList<TrialRecord>>(TaskCreationOptions.RunContinuationsAsynchronously);
        Action<TrialRecord> report = Report;
        Action<int> workersChanged = WorkersChanged;
        Action<TrialRecord, string?> ranOn = ReportRanOn;
        IActorRef coordinator = system.ActorOf(Props.Create(() => new StudyCoordinatorActor(
            _spec, _model, _data, _workers, _alreadyDone, report, finished, _package, _minWorkers, workersChanged, ranOn)), "study");
        using (cancel.Register(() => coordinator.Tell(StudyCoordinatorActor.Stop.Instance)))
        {
            try
            {
                // A cluster node can stop on its own (downed; or Akka stops it after a failed outbound TLS handshake):
                // then the study must end with an error rather than wait forever.
                Task.WaitAny(finished.Task, system.WhenTerminated);
                if (!finished.Task.IsCompleted) throw new InvalidOperationException(StoppedEarly(system));
                return finished.Task.GetAwaiter().GetResult();
            }
            finally
            {
                system.Terminate().Wait(TimeSpan.FromSeconds(10));
            }
        }
    }
}
