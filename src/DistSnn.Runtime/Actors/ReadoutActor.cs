using Akka.Actor;
using DistSnn.Core.Snn;
using DistSnn.Core.Trial;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime.Actors;

/// <summary>
/// Collects the last layer's output for each batch (packed spikes of every round, or the final membranes), runs
/// the <see cref="ReadoutStep"/> on it and tells the trial how many samples were right.
/// </summary>
public sealed class ReadoutActor : ReceiveActor
{
    private readonly TrialSetup _setup;
    private readonly IActorRef _trial;
    private readonly int _expected;
    private readonly Dictionary<int, Scores> _batches = new();

    public ReadoutActor(TrialSetup setup, IActorRef trial)
    {
        _setup = setup;
        _trial = trial;
        int groups = setup.Grids[^1].TileCols;
        _expected = setup.Model.Readout == ReadoutKind.Membrane ? groups : groups * setup.Model.Timesteps;
        int classes = setup.Model.Classes;

        Receive<SpikeSegment>(segment =>
        {
            Scores scores = Get(segment.Batch, segment.Samples);
            ReadoutStep.CountSpikes(segment.Bits, segment.Samples, segment.Start, segment.Count, classes, scores.Values);
            Arrived(segment.Batch, scores);
        });
        Receive<OutputMembrane>(output =>
        {
            Scores scores = Get(output.Batch, output.Samples);
            ReadoutStep.TakeMembranes(output.Values, output.Samples, output.Start, output.Count, classes, scores.Values);
            Arrived(output.Batch, scores);
        });
    }

    private Scores Get(int batch, int samples)
    {
        if (!_batches.TryGetValue(batch, out Scores? scores))
            _batches[batch] = scores = new Scores(samples, new double[samples * _setup.Model.Classes]);
        return scores;
    }

    private void Arrived(int batch, Scores scores)
    {
        if (++scores.Received < _expected) return;
        _batches.Remove(batch);
        int first = _setup.Plan.BatchFirst(batch);
        int correct = ReadoutStep.Correct(scores.Values, scores.Samples, _setup.Model.Classes, _setup.Data.Labels.AsSpan(first, scores.Samples));
        _trial.Tell(new BatchScored(batch, scores.Samples, correct));
    }

    private sealed record Scores(int Samples, double[] Values)
    {
        public int Received { get; set; }
    }
}
