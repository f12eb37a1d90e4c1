using DistSnn.Core.Data;
using DistSnn.Core.Snn;
using DistSnn.Core.Training;

namespace DistSnn.Core.Tests.Training;

/// <summary>
/// A deliberately plain simulator of a converted IF network, to check the conversion independently of the
/// engine: Bernoulli(p) rate encoding, <c>u += W s + b</c> each step, spike when <c>u &gt;= 1</c>, then
/// <c>u -= 1</c>; layers update in order within a step; argmax of output spike counts, ties to the lowest.
/// </summary>
internal static class ReferenceSnnSimulator
{
    public static double Accuracy(SnnModel model, Dataset data, int timesteps, ulong seed)
    {
        var random = new SplitMix64(seed);
        int correct = 0;
        for (int s = 0; s < data.Count; s++)
        {
            if (Classify(model, data.Sample(s), timesteps, random) == data.Labels[s]) correct++;
        }
        return (double)correct / data.Count;
    }

    public static int Classify(SnnModel model, ReadOnlySpan<float> features, int timesteps, SplitMix64 random)
    {
        double[][] membranes = model.Layers.Select(layer => new double[layer.Outputs]).ToArray();
        bool[][] spikes = model.Layers.Select(layer => new bool[layer.Outputs]).ToArray();
        int[] counts = new int[model.Classes];
        bool[] input = new bool[model.Inputs];
        for (int t = 0; t < timesteps; t++)
        {
            for (int i = 0; i < input.Length; i++) input[i] = random.NextDouble() < features[i];
            bool[] incoming = input;
            for (int l = 0; l < model.Layers.Count; l++)
            {
                DenseLayer layer = model.Layers[l];
                for (int o = 0; o < layer.Outputs; o++)
                {
                    double current = layer.Bias?[o] ?? 0.0;
                    for (int i = 0; i < layer.Inputs; i++)
                    {
                        if (incoming[i]) current += layer.Weight(o, i);
                    }
                    double u = membranes[l][o] + current;
                    spikes[l][o] = u >= 1.0;
                    membranes[l][o] = spikes[l][o] ? u - 1.0 : u;
                }
                incoming = spikes[l];
            }
            for (int c = 0; c < counts.Length; c++)
            {
                if (incoming[c]) counts[c]++;
            }
        }
        int best = 0;
        for (int c = 1; c < counts.Length; c++)
        {
            if (counts[c] > counts[best]) best = c;
        }
        return best;
    }
}
