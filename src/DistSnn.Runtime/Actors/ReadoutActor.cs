using Akka.Actor;
using DistSnn.Core.Engine;
using DistSnn.Core.Snn;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime.Actors;

/// <summary>
/// Collects the last layer's output for each batch (spike counts over all rounds, or the final membranes),
/// scores every sample (argmax, ties to the lowest class) and tells the trial how many were right.
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
            int words = SpikePacking.WordsFor(segment.Count);
            var spikes = new float[segment.Count];
            for (int s = 0; s < segment.Samples; s++)
            {
                SpikePacking.Unpack(segment.Bits.AsSpan(s * words, words), spikes);
                for (int i = 0; i < segment.Count; i++) scores.Values[s * classes + segment.Start + i] += spikes[i];
            }
            Arrived(segment.Batch, scores);
        });
        Receive<OutputMembrane>(output =>
        {
            Scores scores = Get(output.Batch, output.Samples);
            for (int s = 0; s < output.Samples; s++)
                output.Values.AsSpan(s * output.Count, output.Count).CopyTo(scores.Values.AsSpan(s * classes + output.Start, output.Count));
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
        int classes = _setup.Model.Classes, first = _setup.BatchFirst(batch), correct = 0;
        for (int s = 0; s < scores.Samples; s++)
            if (ReferenceEngine.Argmax(scores.Values.AsSpan(s * classes, classes)) == _setup.Data.Labels[first + s]) correct++;
        _trial.Tell(new BatchScored(batch, scores.Samples, correct));
    }

    private sealed record Scores(int Samples, double[] Values)
    {
        public int Received { get; set; }
    }
}
