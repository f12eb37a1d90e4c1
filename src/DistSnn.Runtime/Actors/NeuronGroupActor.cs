using Akka.Actor;
using DistSnn.Core.Crossbar;
using DistSnn.Core.Trial;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime.Actors;

/// <summary>
/// The neurons behind one column group of a layer (outputs <c>[ColStart, ColStart + Cols)</c>): message plumbing
/// around the <see cref="NeuronStep"/>. For each batch it integrates the rounds strictly in order: a round is
/// complete when the partials of every tile row have arrived, whatever order they came in; they are summed in
/// tile-row order, integrated and fired, and the packed spikes go to the next layer's tiles (or the readout).
/// </summary>
public sealed class NeuronGroupActor : ReceiveActor
{
    private readonly TrialSetup _setup;
    private readonly int _layer;
    private readonly int _colStart, _cols, _tileRows;
    private readonly IReadOnlyList<IActorRef> _next;
    private readonly Dictionary<int, BatchState> _batches = new();
    private readonly NeuronStep _step;
    private readonly float[] _current, _variance;
    private readonly ChipCounters _counters;

    /// <param name="next">The next layer's tiles by tile index, or a single readout for the last layer.</param>
    public NeuronGroupActor(TrialSetup setup, int layer, int tileCol, IReadOnlyList<IActorRef> next)
    {
        _setup = setup;
        _layer = layer;
        TileGrid grid = setup.Grids[layer];
        _colStart = grid.ColStart(tileCol);
        _cols = grid.ColCount(tileCol);
        _tileRows = grid.TileRows;
        _next = next;
        _step = new NeuronStep(_cols);
        _current = new float[setup.Plan.BatchSize * _cols];
        _variance = setup.Plan.GroupDrawsReadNoise(layer, tileCol) ? new float[setup.Plan.BatchSize * _cols] : [];
        _counters = new ChipCounters(setup.Plan.Layers);

        Receive<CounterTotalsRequest>(_ => Sender.Tell(new CounterTotals(_counters.ToArray())));

        Receive<PartialSums>(partial =>
        {
            if (!_batches.TryGetValue(partial.Batch, out BatchState? batch))
                _batches[partial.Batch] = batch = new BatchState(partial.Samples, _cols, _tileRows);
            batch.Add(partial);
            while (batch.IsComplete(batch.NextRound))
            {
                Integrate(partial.Batch, batch);
                if (batch.NextRound == _setup.Model.Timesteps)
                {
                    _batches.Remove(partial.Batch);
                    break;
                }
            }
        });
    }

    private void Integrate(int batchIndex, BatchState batch)
    {
        int round = batch.NextRound, samples = batch.Samples;
        PartialSums?[] partials = batch.Take(round);
        Span<float> current = _current.AsSpan(0, samples * _cols);
        Span<float> variance = _variance.AsSpan(0, _variance.Length == 0 ? 0 : samples * _cols);
        bool summed = false;
        for (int tr = 0; tr < partials.Length; tr++)
        {
            PartialSums partial = partials[tr]!;
            NeuronStep.AddPartial(current, partial.Values, tr == 0);
            PartialBuffers.Return(partial.Values);
            // A tile that converts its own noise (or has none) sends no variances, on a heterogeneous chip too.
            if (partial.Variances.Length == 0) continue;
            NeuronStep.AddPartial(variance, partial.Variances, firstTileRow: !summed);
            summed = true;
            PartialBuffers.Return(partial.Variances);
        }
        batch.Release(partials);
        ReadKey first = _setup.FirstKey(batchIndex, round);
        if (!variance.IsEmpty) _step.AddReadNoise(_layer, _colStart, _cols, samples, first, current, variance);
        batch.NextRound++;
        _counters.Add(_layer, ChipCounter.NeuronUpdates, (long)samples * _cols);

        if (_setup.Plan.IsMembraneReadout(_layer))
        {
            _step.Integrate(_setup.Plan, _layer, _colStart, _cols, samples, first, current, batch.Membranes);
            if (round == _setup.Model.Timesteps - 1)
                _next[0].Tell(new OutputMembrane(batchIndex, _colStart, _cols, samples, batch.Membranes));
        }
        else
        {
            var spikes = new ulong[samples * PackedSpikes.WordsFor(_cols)];
            _counters.Add(_layer, ChipCounter.Spikes, _step.Fire(_setup.Plan, _layer, _colStart, _cols, samples, first, current, batch.Membranes, spikes));
            Send(batchIndex, round, samples, spikes);
        }
        // The first layer's first group paces the encoder (through the trial actor, which knows it).
        if (_layer == 0 && _colStart == 0) Context.Parent.Tell(new RoundIntegrated(batchIndex, round));
    }

    private void Send(int batchIndex, int round, int samples, ulong[] spikes)
    {
        if (_setup.IsLastLayer(_layer))
        {
            _next[0].Tell(new SpikeSegment(batchIndex, round, _colStart, _cols, samples, spikes));
            return;
        }
        TileGrid nextGrid = _setup.Grids[_layer + 1];
        foreach (var (tileRow, from, count) in SpikeRouting.Overlaps(nextGrid, _colStart, _cols))
        {
            SpikeSegment segment = SpikeRouting.Segment(batchIndex, round, spikes, samples, _cols, _colStart, from, count);
            for (int tc = 0; tc < nextGrid.TileCols; tc++) _next[nextGrid.Index(tileRow, tc)].Tell(segment);
        }
    }

    /// <summary>One batch's membranes and the partials that arrived ahead of their round (slot arrays reused).</summary>
    private sealed class BatchState(int samples, int cols, int tileRows)
    {
        private readonly Dictionary<int, (PartialSums?[] Slots, int Filled)> _rounds = new();
        private readonly Stack<PartialSums?[]> _spare = new();

        public int Samples { get; } = samples;
        public int NextRound { get; set; }
        public double[] Membranes { get; } = new double[samples * cols];

        public void Add(PartialSums partial)
        {
            if (!_rounds.TryGetValue(partial.Round, out var round)) round = (_spare.Count > 0 ? _spare.Pop() : new PartialSums?[tileRows], 0);
            if (round.Slots[partial.TileRow] is null) round.Filled++;
            round.Slots[partial.TileRow] = partial;
            _rounds[partial.Round] = round;
        }

        public bool IsComplete(int round) => _rounds.TryGetValue(round, out var r) && r.Filled == tileRows;

        /// <summary>The round's partials in tile-row order: the fixed summation order.</summary>
        public PartialSums?[] Take(int round)
        {
            PartialSums?[] slots = _rounds[round].Slots;
            _rounds.Remove(round);
            return slots;
        }

        /// <summary>Gives a taken round's slot array back for a later round.</summary>
        public void Release(PartialSums?[] slots)
        {
            Array.Clear(slots);
            _spare.Push(slots);
        }
    }
}
