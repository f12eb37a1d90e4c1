using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Snn;
using DistSnn.Core.Trial;

namespace DistSnn.Core.Engine;

/// <summary>
/// The sequential engine: runs one trial on one thread, without actors, as a plain loop over the trial's steps
/// (<see cref="EncoderStep"/>, <see cref="TileStep"/>, <see cref="NeuronStep"/>, <see cref="ReadoutStep"/>), the
/// same steps the actors run. A batch goes through the network one round (time step) at a time; each column group
/// sums its tiles' partials in tile-row order. Every random draw is keyed by (seed, trial, sample, step, ...), so
/// neither the batch size nor the thread changes a bit of the result.
/// </summary>
public sealed class ReferenceEngine
{
    private readonly SnnModel _model;
    private readonly CrossbarSettings _crossbar;
    private readonly uint _seed;
    private readonly int _batch;

    /// <param name="model">The model as the study point runs it (overrides applied).</param>
    public ReferenceEngine(SnnModel model, CrossbarSettings crossbar, uint seed, int batch = 64)
    {
        if (batch < 1) throw new ArgumentOutOfRangeException(nameof(batch), "batch must be at least 1");
        _model = model;
        _crossbar = crossbar;
        _seed = seed;
        _batch = batch;
    }

    /// <summary>Runs trial <paramref name="trial"/> over every sample of <paramref name="data"/>.</summary>
    /// <param name="scores">If given (<c>[data.Count, classes]</c>), receives each sample's output spike counts
    /// (spike-count readout) or final membrane potentials (membrane readout).</param>
    /// <param name="observer">If given, sees the tile reads of the steps it wants.</param>
    public TrialResult RunTrial(int trial, Dataset data, double[]? scores = null, ITileReadObserver? observer = null)
    {
        var plan = new TrialPlan(_model, _crossbar, data, _seed, _batch);
        if (scores is not null && scores.Length != data.Count * _model.Classes)
            throw new ArgumentException("scores must hold [samples, classes] values");
        return new SequentialTrial(plan, trial, observer).Run(scores);
    }

    /// <summary>Runs trial <paramref name="trial"/> of <paramref name="plan"/> (its model, crossbar, data and batch)
    /// on this thread.</summary>
    public static TrialResult Run(TrialPlan plan, int trial, ITileReadObserver? observer = null) =>
        new SequentialTrial(plan, trial, observer).Run(null);
}

/// <summary>One trial's chip and buffers, allocated once; <see cref="Run"/> is the loop over the steps.</summary>
internal sealed class SequentialTrial
{
    private readonly TrialPlan _plan;
    private readonly int _trial;
    private readonly Chip _chip;
    private readonly TileStep _tileStep;
    private readonly NeuronStep _neuronStep;
    private readonly ulong[][] _spikes;       // per layer: its packed inputs [batch, WordsFor(inputs)]
    private readonly float[] _analog;         // direct coding: layer 0's inputs [batch, inputs]
    private readonly ulong[] _rowSpikes;      // one tile row's inputs [batch, WordsFor(rows)]
    private readonly float[] _rowAnalog;      // one tile row's analog inputs [batch, rows]
    private readonly float[] _partial;        // one tile's partials [batch, cols]
    private readonly float[] _variance;       // one tile's read-noise variances [batch, cols], when the group draws the noise
    private readonly float[] _current;        // one group's summed partials [batch, cols]
    private readonly float[] _groupVariance;  // one group's summed variances [batch, cols]
    private readonly ulong[] _groupSpikes;    // one group's spikes [batch, WordsFor(cols)]
    private readonly double[][][] _groupMembranes; // per layer and group: [batch, cols]
    private readonly double[] _scores;        // [batch, classes]
    private readonly ChipCounters _counters;
    private readonly ITileReadObserver? _observer;
    private readonly float[] _observed;       // the observed tile's row inputs [batch, rows], when observed

    public SequentialTrial(TrialPlan plan, int trial, ITileReadObserver? observer = null)
    {
        _plan = plan;
        _trial = trial;
        _observer = observer;
        _chip = Chip.Program(plan, trial);
        int batch = plan.BatchSize, rows = plan.MaxTileRows, cols = plan.MaxTileCols;
        _tileStep = new TileStep(rows, cols, batch);
        _neuronStep = new NeuronStep(cols);
        _spikes = plan.Model.Layers.Select(l => new ulong[batch * PackedSpikes.WordsFor(l.Inputs)]).ToArray();
        _analog = EncoderStep.IsRate(plan) ? [] : new float[batch * plan.Model.Inputs];
        _rowSpikes = new ulong[batch * PackedSpikes.WordsFor(rows)];
        _rowAnalog = EncoderStep.IsRate(plan) ? [] : new float[batch * rows];
        _observed = observer is null ? [] : new float[batch * rows];
        _partial = new float[batch * cols];
        _current = new float[batch * cols];
        bool groupNoise = plan.AnyGroupDrawsReadNoise;
        _variance = groupNoise ? new float[batch * cols] : [];
        _groupVariance = groupNoise ? new float[batch * cols] : [];
        _groupSpikes = new ulong[batch * PackedSpikes.WordsFor(cols)];
        _groupMembranes = plan.Grids.Select(g => Enumerable.Range(0, g.TileCols).Select(tc => new double[batch * g.ColCount(tc)]).ToArray()).ToArray();
        _scores = new double[batch * plan.Model.Classes];
        _counters = new ChipCounters(plan.Layers);
        foreach (ChipLayer layer in _chip.Layers)
            foreach (ProgrammedTile tile in layer.Tiles) _counters.Add(tile);
    }

    public TrialResult Run(double[]? scores)
    {
        int classes = _plan.Model.Classes, correct = 0;
        for (int b = 0; b < _plan.Batches; b++)
        {
            int samples = _plan.BatchSamples(b);
            foreach (double[][] layer in _groupMembranes)
                foreach (double[] m in layer) Array.Clear(m);
            Array.Clear(_scores);
            for (int step = 0; step < _plan.Model.Timesteps; step++)
            {
                ReadKey first = _plan.FirstKey(_trial, b, step);
                if (EncoderStep.IsRate(_plan)) EncoderStep.Spikes(_plan, b, samples, first, _spikes[0]);
                else EncoderStep.Analog(_plan, b, samples, _analog);
                for (int l = 0; l < _plan.Layers; l++) Layer(l, samples, first);
            }
            ReadOnlySpan<double> batchScores = _scores.AsSpan(0, samples * classes);
            correct += ReadoutStep.Correct(batchScores, samples, classes, _plan.Data.Labels.AsSpan(_plan.BatchFirst(b), samples));
            if (scores is not null) batchScores.CopyTo(scores.AsSpan(_plan.BatchFirst(b) * classes));
        }
        return new TrialResult(correct, _plan.Data.Count, _counters);
    }

    /// <summary>One round of one layer: every column group reads its tiles in tile-row order, sums, and fires.</summary>
    private void Layer(int l, int samples, in ReadKey first)
    {
        ChipLayer layer = _chip.Layers[l];
        TileGrid grid = layer.Grid;
        bool analog = l == 0 && !EncoderStep.IsRate(_plan);
        for (int tc = 0; tc < grid.TileCols; tc++)
        {
            int cols = grid.ColCount(tc), colStart = grid.ColStart(tc);
            Span<float> current = _current.AsSpan(0, samples * cols);
            bool groupNoise = _plan.GroupDrawsReadNoise(l, tc), summed = false;
            Span<float> variance = groupNoise ? _variance.AsSpan(0, samples * cols) : default;
            Span<float> groupVariance = groupNoise ? _groupVariance.AsSpan(0, samples * cols) : default;
            for (int tr = 0; tr < grid.TileRows; tr++)
            {
                ProgrammedTile tile = layer.Tile(tr, tc);
                Span<float> partial = _partial.AsSpan(0, samples * cols);
                // A tile row's inputs are cut again for each column group: cheap next to the tile's reads.
                ReadOnlySpan<float> rowAnalog = analog ? RowAnalog(grid, tr, samples) : default;
                ReadOnlySpan<ulong> rowSpikes = analog ? default : RowSpikes(l, grid, tr, samples);
                _counters.Add(l, analog
                    ? _tileStep.RunAnalog(tile, rowAnalog, samples, first, partial, variance)
                    : _tileStep.Run(tile, rowSpikes, samples, first, partial, variance));
                if (_observer is { } observer && observer.Wants(first.Step))
                    Observe(observer, tile, samples, first, analog ? rowAnalog : Unpack(rowSpikes, tile.Rows, samples), partial, variance);
                NeuronStep.AddPartial(current, partial, tr == 0);
                if (tile.DefersReadNoise)
                {
                    NeuronStep.AddPartial(groupVariance, variance, firstTileRow: !summed);
                    summed = true;
                }
            }
            if (groupNoise) _neuronStep.AddReadNoise(l, colStart, cols, samples, first, current, groupVariance);

            Span<double> membrane = _groupMembranes[l][tc];
            _counters.Add(l, ChipCounter.NeuronUpdates, (long)samples * cols);
            if (_plan.IsMembraneReadout(l))
            {
                _neuronStep.Integrate(_plan, l, colStart, cols, samples, first, current, membrane);
                if (first.Step == _plan.Model.Timesteps - 1)
                    ReadoutStep.TakeMembranes(membrane, samples, colStart, cols, _plan.Model.Classes, _scores);
                continue;
            }
            Span<ulong> spikes = _groupSpikes.AsSpan(0, samples * PackedSpikes.WordsFor(cols));
            _counters.Add(l, ChipCounter.Spikes, _neuronStep.Fire(_plan, l, colStart, cols, samples, first, current, membrane, spikes));
            if (_plan.IsLastLayer(l)) ReadoutStep.CountSpikes(spikes, samples, colStart, cols, _plan.Model.Classes, _scores);
            else PackedSpikes.CopyBatch(spikes, cols, 0, _spikes[l + 1], grid.Outputs, colStart, cols, samples);
        }
    }

    private static void Observe(ITileReadObserver observer, ProgrammedTile tile, int samples, in ReadKey first,
        ReadOnlySpan<float> inputs, Span<float> partial, Span<float> variance) =>
        observer.TileRead(tile, first, samples, inputs, partial, tile.DefersReadNoise ? variance : default);

    /// <summary>A tile row's packed spikes as 0/1 floats, for the observer only.</summary>
    private ReadOnlySpan<float> Unpack(ReadOnlySpan<ulong> spikes, int rows, int samples)
    {
        int words = PackedSpikes.WordsFor(rows);
        for (int s = 0; s < samples; s++) PackedSpikes.Unpack(spikes.Slice(s * words, words), _observed.AsSpan(s * rows, rows));
        return _observed.AsSpan(0, samples * rows);
    }

    private ReadOnlySpan<ulong> RowSpikes(int l, TileGrid grid, int tr, int samples)
    {
        int rows = grid.RowCount(tr);
        Span<ulong> dest = _rowSpikes.AsSpan(0, samples * PackedSpikes.WordsFor(rows));
        dest.Clear();
        PackedSpikes.CopyBatch(_spikes[l], grid.Inputs, grid.RowStart(tr), dest, rows, 0, rows, samples);
        return dest;
    }

    private ReadOnlySpan<float> RowAnalog(TileGrid grid, int tr, int samples)
    {
        int rows = grid.RowCount(tr), start = grid.RowStart(tr), width = grid.Inputs;
        for (int s = 0; s < samples; s++) _analog.AsSpan(s * width + start, rows).CopyTo(_rowAnalog.AsSpan(s * rows, rows));
        return _rowAnalog.AsSpan(0, samples * rows);
    }
}
