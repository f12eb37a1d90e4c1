using DistSnn.Core.Data;
using DistSnn.Core.Snn;

namespace DistSnn.Core.Training;

/// <summary>
/// Trains a fully connected ReLU network with softmax cross-entropy (optionally label-smoothed) and Adam on
/// mini-batches. The network sees the same normalised features (in [0, 1]) that the rate encoder later
/// turns into spike probabilities, so a converted network's input rates match what it was trained on.
/// </summary>
/// <remarks>
/// Bit-reproducible by construction: double arithmetic, one thread, plain scalar loops in a fixed order
/// (no SIMD, no parallel reductions), and a generator written here (<see cref="SplitMix64"/>) for the
/// initial weights and the shuffling. The same data and settings give the same weights on every run.
/// </remarks>
public static class MlpTrainer
{
    public static ReluMlp Train(Dataset train, MlpTrainingSettings settings)
    {
        settings.Validate();
        if (train.Count == 0) throw new ArgumentException("cannot train on an empty data set");
        foreach (int label in train.Labels)
        {
            if (label < 0 || label >= train.Classes)
                throw new ArgumentException($"label {label} is outside the data set's {train.Classes} classes");
        }

        int[] widths = [train.Features, .. settings.HiddenSizes, train.Classes];
        var random = new SplitMix64(settings.Seed);
        var layers = new Layer[widths.Length - 1];
        for (int l = 0; l < layers.Length; l++) layers[l] = new Layer(widths[l + 1], widths[l], random);

        var pass = new Pass(widths);
        int[] order = Enumerable.Range(0, train.Count).ToArray();
        // beta^t kept as running products: exact repeatable multiplications instead of Math.Pow.
        double beta1Power = 1.0, beta2Power = 1.0;
        for (int epoch = 0; epoch < settings.Epochs; epoch++)
        {
            random.Shuffle(order);
            for (int start = 0; start < order.Length; start += settings.BatchSize)
            {
                int end = Math.Min(start + settings.BatchSize, order.Length);
                foreach (Layer layer in layers) layer.ClearGradients();
                double gradientScale = 1.0 / (end - start); // mean loss over the batch
                for (int k = start; k < end; k++)
                {
                    int sample = order[k];
                    pass.Forward(layers, train.Sample(sample));
                    pass.Backward(layers, train.Labels[sample], settings.LabelSmoothing, gradientScale);
                }
                beta1Power *= settings.Beta1;
                beta2Power *= settings.Beta2;
                foreach (Layer layer in layers) layer.AdamStep(settings, beta1Power, beta2Power);
            }
        }
        return new ReluMlp(layers.Select(layer => layer.ToDenseLayer()).ToArray());
    }

    /// <summary>One layer's parameters, their gradients and Adam moments, all in double.</summary>
    private sealed class Layer
    {
        private readonly double[] _weightMoments, _weightSquares, _biasMoments, _biasSquares;

        public Layer(int outputs, int inputs, SplitMix64 random)
        {
            Outputs = outputs;
            Inputs = inputs;
            Weights = new double[outputs * inputs];
            Bias = new double[outputs];
            WeightGradients = new double[Weights.Length];
            BiasGradients = new double[outputs];
            _weightMoments = new double[Weights.Length];
            _weightSquares = new double[Weights.Length];
            _biasMoments = new double[outputs];
            _biasSquares = new double[outputs];
            // He-uniform: keeps the variance of ReLU activations steady from layer to layer; biases start at 0.
            double bound = Math.Sqrt(6.0 / inputs);
            for (int i = 0; i < Weights.Length; i++) Weights[i] = (2.0 * random.NextDouble() - 1.0) * bound;
        }

        public int Outputs { get; }
        public int Inputs { get; }
        public double[] Weights { get; }
        public double[] Bias { get; }
        public double[] WeightGradients { get; }
        public double[] BiasGradients { get; }

        public void ClearGradients()
        {
            Array.Clear(WeightGradients);
            Array.Clear(BiasGradients);
        }

        public void AdamStep(MlpTrainingSettings settings, double beta1Power, double beta2Power)
        {
            Update(Weights, WeightGradients, _weightMoments, _weightSquares, settings, beta1Power, beta2Power);
            Update(Bias, BiasGradients, _biasMoments, _biasSquares, settings, beta1Power, beta2Power);
        }

        private static void Update(double[] parameters, double[] gradients, double[] moments, double[] squares,
            MlpTrainingSettings settings, double beta1Power, double beta2Power)
        {
            double b1 = settings.Beta1, b2 = settings.Beta2;
            double firstCorrection = 1.0 / (1.0 - beta1Power), secondCorrection = 1.0 / (1.0 - beta2Power);
            for (int i = 0; i < parameters.Length; i++)
            {
                double g = gradients[i];
                moments[i] = b1 * moments[i] + (1.0 - b1) * g;
                squares[i] = b2 * squares[i] + (1.0 - b2) * g * g;
                double mean = moments[i] * firstCorrection;
                double variance = squares[i] * secondCorrection;
                parameters[i] -= settings.LearningRate * mean / (Math.Sqrt(variance) + settings.Epsilon);
            }
        }

        public DenseLayer ToDenseLayer() =>
            new(Outputs, Inputs, Weights.Select(w => (float)w).ToArray(), Bias.Select(b => (float)b).ToArray());
    }

    /// <summary>
    /// Activations and error signals of one sample, reused from sample to sample. Each layer's input is
    /// mostly zeros (blank pixels, silent ReLUs), so the loops visit only its non-zero entries: a zero input
    /// adds nothing to a sum or a gradient, and a silent ReLU passes no error back.
    /// </summary>
    private sealed class Pass
    {
        // _activations[0] is the input; _activations[l + 1] the output of layer l (ReLU, or logits for the last).
        private readonly double[][] _activations;
        private readonly double[][] _errors;
        // _nonZero[l][..._nonZeroCount[l]]: ascending indices of the non-zero entries of _activations[l].
        private readonly int[][] _nonZero;
        private readonly int[] _nonZeroCount;

        public Pass(int[] widths)
        {
            _activations = widths.Select(width => new double[width]).ToArray();
            _errors = widths.Select(width => new double[width]).ToArray();
            _nonZero = widths.Select(width => new int[width]).ToArray();
            _nonZeroCount = new int[widths.Length];
        }

        public void Forward(Layer[] layers, ReadOnlySpan<float> features)
        {
            double[] input = _activations[0];
            for (int i = 0; i < features.Length; i++) input[i] = features[i];
            for (int l = 0; l < layers.Length; l++)
            {
                ReadOnlySpan<int> active = IndexNonZero(l);
                Layer layer = layers[l];
                double[] weights = layer.Weights, bias = layer.Bias, output = _activations[l + 1];
                bool hidden = l < layers.Length - 1;
                for (int o = 0; o < output.Length; o++)
                {
                    double sum = bias[o];
                    ReadOnlySpan<double> row = weights.AsSpan(o * layer.Inputs, layer.Inputs);
                    foreach (int i in active) sum += row[i] * input[i];
                    output[o] = hidden ? Math.Max(sum, 0.0) : sum;
                }
                input = output;
            }
        }

        /// <summary>
        /// Adds this sample's gradient of the cross-entropy loss, times <paramref name="scale"/>, to the layers'
        /// gradients; the target puts <c>1 - smoothing</c> on the label and spreads <c>smoothing</c> evenly over all classes.
        /// </summary>
        public void Backward(Layer[] layers, int label, double smoothing, double scale)
        {
            // Softmax minus target is the gradient of cross-entropy with respect to the logits;
            // subtracting the largest logit keeps Math.Exp in range.
            double[] logits = _activations[^1];
            double[] error = _errors[^1];
            double largest = logits.Max();
            double total = 0.0;
            for (int c = 0; c < logits.Length; c++)
            {
                error[c] = Math.Exp(logits[c] - largest);
                total += error[c];
            }
            double offTarget = smoothing / logits.Length;
            for (int c = 0; c < logits.Length; c++)
            {
                double target = c == label ? 1.0 - smoothing + offTarget : offTarget;
                error[c] = (error[c] / total - target) * scale;
            }

            for (int l = layers.Length - 1; l >= 0; l--)
            {
                Layer layer = layers[l];
                double[] input = _activations[l], outputError = _errors[l + 1];
                double[] weights = layer.Weights, weightGradients = layer.WeightGradients, biasGradients = layer.BiasGradients;
                ReadOnlySpan<int> active = _nonZero[l].AsSpan(0, _nonZeroCount[l]);
                // The input needs no error signal; a hidden layer's input error is W^T times the output error,
                // and only where its ReLU was active (elsewhere it stays 0).
                bool propagate = l > 0;
                double[] inputError = _errors[l];
                if (propagate) Array.Clear(inputError);
                for (int o = 0; o < outputError.Length; o++)
                {
                    double e = outputError[o];
                    if (e == 0.0) continue;
                    biasGradients[o] += e;
                    ReadOnlySpan<double> row = weights.AsSpan(o * layer.Inputs, layer.Inputs);
                    Span<double> gradientRow = weightGradients.AsSpan(o * layer.Inputs, layer.Inputs);
                    foreach (int i in active) gradientRow[i] += e * input[i];
                    if (!propagate) continue;
                    foreach (int i in active) inputError[i] += row[i] * e;
                }
            }
        }

        private ReadOnlySpan<int> IndexNonZero(int layer)
        {
            double[] values = _activations[layer];
            int[] indices = _nonZero[layer];
            int count = 0;
            for (int i = 0; i < values.Length; i++)
            {
                if (values[i] != 0.0) indices[count++] = i;
            }
            _nonZeroCount[layer] = count;
            return indices.AsSpan(0, count);
        }
    }
}
