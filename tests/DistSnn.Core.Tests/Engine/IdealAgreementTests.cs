using System.Numerics.Tensors;
using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Engine;
using DistSnn.Core.Random;
using DistSnn.Core.Snn;
using Xunit.Abstractions;

namespace DistSnn.Core.Tests.Engine;

/// <summary>
/// The engine sums in float per tile, then adds the tiles of a column group: with ideal devices this must give the
/// plain float network (one float sum per neuron over all its inputs, in input order) the same spike counts for
/// at least 99.9% of the 10,000 Fashion-MNIST test images (the bar); the figure is printed.
/// </summary>
public class IdealAgreementTests(ITestOutputHelper output)
{
    /// <summary>The plain float network, untiled, written independently of the engine: the same encoder draws.</summary>
    private static double[] PlainFloatCounts(SnnModel model, Dataset data, uint seed, int trial)
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
            var u = new float[model.Inputs];
            for (int t = 0; t < model.Timesteps; t++)
            {
                DrawKey.Read(seed, trial, RandomScope.Encoder, 0, 0, data.FirstIndex + s, t).Stream().FillUniform(u);
                ReadOnlySpan<float> pixels = data.Sample(s);
                for (int i = 0; i < input.Length; i++) input[i] = u[i] < pixels[i] ? 1f : 0f;
                float[] x = input;
                for (int l = 0; l < model.Layers.Count; l++)
                {
                    DenseLayer layer = model.Layers[l];
                    var current = new float[layer.Outputs];
                    for (int i = 0; i < layer.Inputs; i++)
                        if (x[i] != 0) TensorPrimitives.Add(current, transposed[l].AsSpan(i * layer.Outputs, layer.Outputs), current);
                    var spikes = new float[layer.Outputs];
                    for (int o = 0; o < layer.Outputs; o++)
                    {
                        double v = model.Neuron.Beta * membranes[l][o] + ((double)current[o] + (layer.Bias?[o] ?? 0f));
                        if (v >= model.Neuron.Threshold)
                        {
                            spikes[o] = 1;
                            v -= model.Neuron.Threshold;
                        }
                        membranes[l][o] = v;
                    }
                    x = spikes;
                }
                for (int k = 0; k < model.Classes; k++) counts[s * model.Classes + k] += x[k];
            }
        });
        return counts;
    }

    [Fact]
    public void Ideal_devices_give_the_plain_float_networks_spike_counts_for_999_in_1000_test_images()
    {
        SnnModel model = TestData.SharedModel;
        Dataset data = TestData.FashionMnistTest(10_000);
        int classes = model.Classes;
        var engine = new double[data.Count * classes];
        new ReferenceEngine(model, CrossbarSettings.Ideal, 1, batch: 64).RunTrial(0, data, engine);
        double[] plain = PlainFloatCounts(model, data, 1, 0);

        int same = Enumerable.Range(0, data.Count)
            .Count(s => engine.AsSpan(s * classes, classes).SequenceEqual(plain.AsSpan(s * classes, classes)));
        double fraction = (double)same / data.Count;
        output.WriteLine($"ideal 128 x 128 tiles: {same} of {data.Count} images ({fraction:P2}) have the plain float network's spike counts");
        Assert.True(plain.Sum() > data.Count * 10, "the network must actually spike");
        Assert.True(fraction >= 0.999, $"{same} of {data.Count} images agree");
    }
}
