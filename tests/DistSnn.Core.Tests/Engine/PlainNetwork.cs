using System.Numerics.Tensors;
using DistSnn.Core.Data;
using DistSnn.Core.Random;
using DistSnn.Core.Snn;

namespace DistSnn.Core.Tests.Engine;

/// <summary>
/// A dense, untiled implementation of a model's network, written independently of the engine: the same encoder
/// draws, IF neurons with reset by subtraction, one sum per neuron over all its inputs in input order, in double or
/// in float (the plain float network).
/// </summary>
public static class PlainNetwork
{
    public enum Sums { Double, Float }

    /// <summary>Each sample's output spike counts, <c>[samples, classes]</c>.</summary>
    public static double[] SpikeCounts(SnnModel model, Dataset data, uint seed, int trial, Sums sums)
    {
        var counts = new double[data.Count * model.Classes];
        // Transposed weights: input i's outgoing weights are contiguous, so an active input adds one row.
        float[][] transposed = model.Layers.Select(l =>
        {
            var t = new float[l.Inputs * l.Outputs];
            for (int o = 0; o < l.Outputs; o++)
                for (int i = 0; i < l.Inputs; i++) t[i * l.Outputs + o] = l.Weights[o * l.Inputs + i];
            return t;
        }).ToArray();
        Parallel.For(0, data.Count, s =>
        {
            var membranes = model.Layers.Select(l => new double[l.Outputs]).ToArray();
            var input = new float[model.Inputs];
            var uniforms = new float[model.Inputs];
            for (int t = 0; t < model.Timesteps; t++)
            {
                // Rate coding: input i spikes when its uniform (Encoder stream of sample and step, element i) is below the pixel.
                DrawKey.Read(seed, trial, RandomScope.Encoder, 0, 0, data.FirstIndex + s, t).Stream().FillUniform(uniforms);
                ReadOnlySpan<float> pixels = data.Sample(s);
                for (int i = 0; i < input.Length; i++) input[i] = uniforms[i] < pixels[i] ? 1f : 0f;
                float[] x = input;
                for (int l = 0; l < model.Layers.Count; l++)
                {
                    DenseLayer layer = model.Layers[l];
                    double[] current = Currents(layer, transposed[l], x, sums);
                    var spikes = new float[layer.Outputs];
                    for (int o = 0; o < layer.Outputs; o++)
                    {
                        double u = model.Neuron.Beta * membranes[l][o] + (current[o] + (layer.Bias?[o] ?? 0f));
                        if (u >= model.Neuron.Threshold)
                        {
                            spikes[o] = 1;
                            u -= model.Neuron.Threshold;
                        }
                        membranes[l][o] = u;
                    }
                    x = spikes;
                }
                for (int k = 0; k < model.Classes; k++) counts[s * model.Classes + k] += x[k];
            }
        });
        return counts;
    }

    /// <summary>Each neuron's synaptic current: its active inputs' weights added in input order.</summary>
    private static double[] Currents(DenseLayer layer, float[] transposed, float[] x, Sums sums)
    {
        if (sums == Sums.Float)
        {
            var current = new float[layer.Outputs];
            for (int i = 0; i < layer.Inputs; i++)
                if (x[i] != 0) TensorPrimitives.Add(current, transposed.AsSpan(i * layer.Outputs, layer.Outputs), current);
            return current.Select(c => (double)c).ToArray();
        }
        var exact = new double[layer.Outputs];
        for (int i = 0; i < layer.Inputs; i++)
        {
            if (x[i] == 0) continue;
            for (int o = 0; o < layer.Outputs; o++) exact[o] += transposed[i * layer.Outputs + o];
        }
        return exact;
    }
}
