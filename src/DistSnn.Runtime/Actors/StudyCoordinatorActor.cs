using Akka.Actor;
using Akka.Event;
using DistSnn.Core.Data;
using DistSnn.Core.Engine;
using DistSnn.Core.Snn;
using DistSnn.Core.Study;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime.Actors;

/// <summary>
/// Expands a study into trials (<see cref="TrialSchedule"/>: fixed or adaptive counts, skipping trials already
/// stored), runs at most <c>workers</c> trial actors at once, and reports every result as it arrives.
/// When the schedule is finished, or the study is stopped, it completes <c>finished</c> with every record
/// produced in this run.
/// </summary>
public sealed class StudyCoordinatorActor : ReceiveActor
{
    private readonly StudySpec _spec;
    private readonly SnnModel _model;
    private readonly Dataset _data;
    private readonly int _workers;
    private readonly Action<TrialRecord> _onResult;
    private readonly TaskCompletionSource<IReadOnlyList<TrialRecord>> _finished;
    private readonly TrialSchedule _schedule;
    private readonly Queue<(int Point, int Trial)> _queue = new();
    private readonly Dictionary<IActorRef, (int Point, int Trial)> _running = new();
    private readonly List<TrialRecord> _produced = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();

    /// <summary>Stops the study: running trials are abandoned, finished ones are kept.</summary>
    public sealed record Stop
    {
        public static Stop Instance { get; } = new();
    }

    public StudyCoordinatorActor(StudySpec spec, SnnModel model, Dataset data, int workers, IReadOnlyList<TrialRecord> alreadyDone,
        Action<TrialRecord> onResult, TaskCompletionSource<IReadOnlyList<TrialRecord>> finished)
    {
        _spec = spec;
        _model = model;
        _data = data;
        _workers = workers;
        _onResult = onResult;
        _finished = finished;
        _schedule = new TrialSchedule(spec, alreadyDone);

        Receive<TrialCompleted>(done =>
        {
            _running.Remove(Sender);
            var record = new TrialRecord(done.Point, done.Trial, new TrialResult(done.Correct, done.Total, done.AdcClipped, done.AdcConversions));
            if (_schedule.Complete(record))
            {
                _produced.Add(record);
                try
                {
                    _onResult(record);
                }
                catch (Exception e)
                {
                    // The result could not be kept (storage failed, or a determinism check fired): stop the study.
                    _finished.TrySetException(e);
                    Context.Stop(Self);
                    return;
                }
            }
            Dispatch();
        });
        Receive<Stop>(_ =>
        {
            foreach (IActorRef trial in _running.Keys) Context.Stop(trial);
            _running.Clear();
            Finish();
        });
    }

    protected override void PreStart() => Dispatch();

    /// <summary>A trial that throws is a bug: report it instead of waiting for it forever.</summary>
    protected override SupervisorStrategy SupervisorStrategy() => new OneForOneStrategy(e =>
    {
        _log.Error(e, "a trial failed");
        _finished.TrySetException(new InvalidOperationException($"a trial failed: {e.Message}", e));
        return Directive.Stop;
    });

    private void Dispatch()
    {
        if (_queue.Count == 0 && _running.Count == 0)
            foreach (var item in _schedule.NextRound()) _queue.Enqueue(item);
        if (_queue.Count == 0 && _running.Count == 0)
        {
            Finish();
            return;
        }
        while (_running.Count < _workers && _queue.Count > 0)
        {
            var (point, trial) = _queue.Dequeue();
            PointSettings settings = _spec.Points[point].Settings;
            var setup = new TrialSetup(settings.Apply(_model), settings.Crossbar, _data, _spec.Seed, trial, _spec.Batch, batchesInFlight: 4);
            IActorRef actor = Context.ActorOf(Props.Create(() => new TrialActor(setup, point, Self)), $"trial-{point}-{trial}");
            _running[actor] = (point, trial);
        }
    }

    private void Finish()
    {
        _finished.TrySetResult(_produced.OrderBy(r => r.Point).ThenBy(r => r.Trial).ToList());
        Context.Stop(Self);
    }
}
