using System.Numerics.Tensors;
using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Snn;

namespace DistSnn.Core.Engine;

/// <summary>
/// The oracle: runs one trial single-threaded, without actors, in the plainest order. A batch of samples
/// goes through the network one time step at a time; each layer's column groups sum their tiles' partials in
/// tile-row order. Every random draw is keyed by (seed, trial, sample, step, ...), so neither the batch size
/// nor the thread running the trial changes a single bit of the result.
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
    public TrialResult RunTrial(int trial, Dataset data, double[]? scores = null)
    {
        if (data.Features != _model.Inputs)
            throw new ArgumentException($"the data has {data.Features} features but the model takes {_model.Inputs} inputs");
        if (scores is not null && scores.Length != data.Count * _model.Classes)
            throw new ArgumentException("scores must hold [samples, classes] values");

        Chip chip = Chip.Program(_model, _crossbar, _seed, trial);
        var state = new BatchState(_model, _batch, chip.MaxTileCols);
        int classes = _model.Classes;
        int correct = 0;
        long clipped = 0, conversions = 0;

        for (int first = 0; first < data.Count; first += _batch)
        {
            int count = Math.Min(_batch, data.Count - first);
            state.Reset();
            for (int step = 0; step < _model.Timesteps; step++)
            {
                for (int s = 0; s < count; s++)
                {
                    var key = new ReadKey(_seed, trial, data.FirstIndex + first + s, step);
                    InputEncoder.Encode(_model.Encoder, data.Sample(first + s), key, new Dac(_crossbar.Dac.Bits),
                        state.Input(0, s), state.Uniforms);
                }
                for (int l = 0; l < _model.Layers.Count; l++)
                {
                    var (c, n) = RunLayer(chip.Layers[l], l, state, count, trial, data.FirstIndex + first, step);
                    clipped += c;
                    conversions += n;
                }
            }
            for (int s = 0; s < count; s++)
            {
                ReadOnlySpan<double> score = state.Score(s);
                if (Argmax(score) == data.Labels[first + s]) correct++;
                if (scores is not null) score.CopyTo(scores.AsSpan((first + s) * classes, classes));
            }
        }
        return new TrialResult(correct, data.Count, clipped, conversions);
    }

    private (long Clipped, long Conversions) RunLayer(ChipLayer chipLayer, int l, BatchState state, int count, int trial, int firstSample, int step)
    {
        DenseLayer layer = _model.Layers[l];
        TileGrid grid = chipLayer.Grid;
        bool readout = l == _model.Layers.Count - 1;
        long clipped = 0, conversions = 0;

        for (int s = 0; s < count; s++)
        {
            var key = new ReadKey(_seed, trial, firstSample + s, step);
            ReadOnlySpan<float> input = state.Input(l, s);
            Span<double> current = state.Current(l);
            current.Clear();
            for (int tc = 0; tc < grid.TileCols; tc++)
            {
                for (int tr = 0; tr < grid.TileRows; tr++)
                {
                    ProgrammedTile tile = chipLayer.Tile(tr, tc);
                    Span<double> partial = state.Partial[..tile.Cols];
                    clipped += state.Reader.Read(tile, input.Slice(tile.RowStart, tile.Rows), _crossbar.Device.Read, key, partial);
                    if (tile.AdcRange > 0) conversions += tile.Cols;
                    Span<double> target = current.Slice(tile.ColStart, tile.Cols);
                    TensorPrimitives.Add(target, partial, target);
                }
            }

            MembraneNoise.AddBiasAndNoise(layer, l, 0, _model.Neuron.Sigma, key, current, state.Normals);
            Span<double> membrane = state.Membrane(l, s);
            if (readout && _model.Readout == ReadoutKind.Membrane)
            {
                LifNeuron.Integrate(_model.Neuron, membrane, current);
                continue;
            }
            Span<float> spikes = readout ? state.OutputSpikes : state.Input(l + 1, s);
            LifNeuron.Step(_model.Neuron, membrane, current, spikes);
            if (readout)
            {
                Span<double> score = state.Score(s);
                for (int i = 0; i < spikes.Length; i++) score[i] += spikes[i];
            }
        }
        return (clipped, conversions);
    }

    /// <summary>Index of the largest value; ties go to the lowest index.</summary>
    public static int Argmax(ReadOnlySpan<double> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
            if (values[i] > values[best]) best = i;
        return best;
    }

    /// <summary>Per-batch buffers, allocated once per trial.</summary>
    private sealed class BatchState
    {
        private readonly SnnModel _model;
        private readonly float[][] _inputs;     // per layer: [batch, layer inputs]
        private readonly double[][] _membranes; // per layer: [batch, layer outputs]
        private readonly double[][] _currents;  // per layer: [layer outputs] of the sample being integrated
        private readonly double[] _scores;      // [batch, classes]

        public BatchState(SnnModel model, int batch, int maxTileCols)
        {
            _model = model;
            _inputs = model.Layers.Select(l => new float[batch * l.Inputs]).ToArray();
            _membranes = model.Layers.Select(l => new double[batch * l.Outputs]).ToArray();
            _currents = model.Layers.Select(l => new double[l.Outputs]).ToArray();
            _scores = new double[batch * model.Classes];
            Partial = new double[maxTileCols];
            OutputSpikes = new float[model.Classes];
            Uniforms = new double[model.Inputs];
            Normals = new double[model.Layers.Max(l => l.Outputs)];
            Reader = new TileReader(maxTileCols);
        }

        public double[] Partial { get; }
        public float[] OutputSpikes { get; }
        public double[] Uniforms { get; }
        public double[] Normals { get; }
        public TileReader Reader { get; }

        public void Reset()
        {
            foreach (double[] m in _membranes) Array.Clear(m);
            Array.Clear(_scores);
        }

        public Span<float> Input(int layer, int sample)
        {
            int n = _model.Layers[layer].Inputs;
            return _inputs[layer].AsSpan(sample * n, n);
        }

        public Span<double> Membrane(int layer, int sample)
        {
            int n = _model.Layers[layer].Outputs;
            return _membranes[layer].AsSpan(sample * n, n);
        }

        public Span<double> Current(int layer) => _currents[layer];

        /// <summary>Spike counts so far (spike-count readout) or the output membrane (membrane readout).</summary>
        public Span<double> Score(int sample)
        {
            int k = _model.Classes;
            return _model.Readout == ReadoutKind.Membrane ? Membrane(_model.Layers.Count - 1, sample) : _scores.AsSpan(sample * k, k);
        }
    }
}
