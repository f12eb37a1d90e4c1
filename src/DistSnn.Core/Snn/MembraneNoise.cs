using DistSnn.Core.Crossbar;
using DistSnn.Core.Random;

namespace DistSnn.Core.Snn;

/// <summary>
/// What the neurons add to a layer's synaptic current before integrating: the digital bias and the membrane
/// noise <c>sigma * xi</c>, xi keyed by (seed, trial, layer, sample, step, neuron). Works on any run of
/// neurons <c>[first, first + current.Length)</c>, so a neuron group computes exactly what the whole layer would.
/// </summary>
public static class MembraneNoise
{
    public static void AddBiasAndNoise(DenseLayer layer, int layerIndex, int first, double sigma, in ReadKey key, Span<double> current, Span<double> normals)
    {
        if (layer.Bias is { } bias)
        {
            ReadOnlySpan<float> b = bias.AsSpan(first, current.Length);
            for (int i = 0; i < current.Length; i++) current[i] += b[i];
        }
        if (sigma > 0)
        {
            Span<double> z = normals[..current.Length];
            new RandomStream(key.Seed, key.Trial, RandomScope.Neuron, layerIndex, 0, key.Sample, key.Step).FillNormal(z, first);
            for (int i = 0; i < current.Length; i++) current[i] += sigma * z[i];
        }
    }
}
