using DistSnn.Core.Data;
using DistSnn.Core.Snn;

namespace DistSnn.Core.Training;

/// <summary>
/// A trained fully connected network: ReLU after every layer but the last, whose outputs are the class
/// logits. Weights are float in PyTorch <c>[out, in]</c> layout, exactly what a model file stores; the
/// forward pass accumulates in double, one scalar loop, so its results are reproducible.
/// </summary>
public sealed class ReluMlp
{
    public ReluMlp(IReadOnlyList<DenseLayer> layers)
    {
        if (layers.Count == 0) throw new ArgumentException("a network needs at least one layer");
        for (int i = 1; i < layers.Count; i++)
        {
            if (layers[i].Inputs != layers[i - 1].Outputs)
                throw new ArgumentException($"layer {i} takes {layers[i].Inputs} inputs but layer {i - 1} gives {layers[i - 1].Outputs}");
        }
        Layers = layers;
    }

    public IReadOnlyList<DenseLayer> Layers { get; }
    public int Inputs => Layers[0].Inputs;
    public int Classes => Layers[^1].Outputs;

    /// <summary>Layer widths input first, e.g. <c>64-64-10</c>.</summary>
    public string Architecture => string.Join('-', Layers.Select(layer => layer.Inputs).Append(Classes));

    /// <summary>
    /// The output of every layer for one sample: ReLU activations for the hidden layers, raw logits
    /// (pre-activations) for the last.
    /// </summary>
    public double[][] Activations(ReadOnlySpan<float> features)
    {
        if (features.Length != Inputs) throw new ArgumentException($"the network takes {Inputs} features, got {features.Length}");
        var outputs = new double[Layers.Count][];
        double[] input = new double[features.Length];
        for (int i = 0; i < features.Length; i++) input[i] = features[i];
        for (int l = 0; l < Layers.Count; l++)
        {
            DenseLayer layer = Layers[l];
            double[] output = new double[layer.Outputs];
            for (int o = 0; o < layer.Outputs; o++)
            {
                double sum = layer.Bias?[o] ?? 0.0;
                int row = o * layer.Inputs;
                for (int i = 0; i < layer.Inputs; i++) sum += layer.Weights[row + i] * input[i];
                output[o] = l < Layers.Count - 1 ? Math.Max(sum, 0.0) : sum;
            }
            outputs[l] = output;
            input = output;
        }
        return outputs;
    }

    /// <summary>The class with the largest logit; ties go to the lowest index, as in the spiking readout.</summary>
    public int Predict(ReadOnlySpan<float> features) => ArgMax(Activations(features)[^1]);

    /// <summary>Fraction of the samples of <paramref name="data"/> whose label the network predicts.</summary>
    public double Accuracy(Dataset data)
    {
        if (data.Features != Inputs) throw new ArgumentException($"the network takes {Inputs} features, the data set has {data.Features}");
        if (data.Count == 0) throw new ArgumentException("accuracy of an empty data set is undefined");
        int correct = 0;
        for (int s = 0; s < data.Count; s++)
        {
            if (Predict(data.Sample(s)) == data.Labels[s]) correct++;
        }
        return (double)correct / data.Count;
    }

    internal static int ArgMax(ReadOnlySpan<double> values)
    {
        int best = 0;
        for (int i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best]) best = i;
        }
        return best;
    }
}
