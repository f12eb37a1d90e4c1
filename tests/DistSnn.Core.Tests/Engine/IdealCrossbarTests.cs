using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Engine;
using DistSnn.Core.Random;
using DistSnn.Core.Snn;

namespace DistSnn.Core.Tests.Engine;

/// <summary>Ideal devices must reproduce the plain network: identical spike counts for every sample.</summary>
public class IdealCrossbarTests
{
    /// <summary>A dense, untiled implementation of the same network, written independently of the engine.</summary>
    private static double[] DenseSpikeCounts(SnnModel model, Dataset data, uint seed, int trial)
    {
        var counts = new double[data.Count * model.Classes];
        var input = new float[model.Inputs];
        var uniforms = new float[model.Inputs];
        for (int s = 0; s < data.Count; s++)
        {
            var membranes = model.Layers.Select(l => new double[l.Outputs]).ToArray();
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
                    var spikes = new float[layer.Outputs];
                    var current = new double[layer.Outputs];
                    for (int i = 0; i < layer.Inputs; i++)
                    {
                        if (x[i] == 0) continue;
                        for (int o = 0; o < layer.Outputs; o++) current[o] += x[i] * (double)layer.Weights[o * layer.Inputs + i];
                    }
                    for (int o = 0; o < layer.Outputs; o++)
                    {
                        double u = model.Neuron.Beta * membranes[l][o] + (current[o] + (layer.Bias?[o] ?? 0));
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
        }
        return counts;
    }

    private static readonly Lazy<double[]> Dense = new(() => DenseSpikeCounts(TestData.SharedModel.With(timesteps: 16), TestData.FashionMnistTest(60), 9, 2));

    public static TheoryData<int, int, double, ScaleMode> Tilings => new()
    {
        { 128, 128, 0.0, ScaleMode.PerLayer },
        { 100, 37, 0.0, ScaleMode.PerLayer },
        { 32, 32, 2.0, ScaleMode.PerTile },
    };

    [Theory]
    [MemberData(nameof(Tilings))]
    public void Ideal_devices_give_the_dense_networks_spike_counts(int rows, int cols, double gmin, ScaleMode scale)
    {
        SnnModel model = TestData.SharedModel.With(timesteps: 16);
        Dataset data = TestData.FashionMnistTest(60);
        var crossbar = new CrossbarSettings { Tile = new(rows, cols), Mapping = new(gmin, 25.0, scale, 0) };
        var scores = new double[data.Count * model.Classes];
        new ReferenceEngine(model, crossbar, 9, batch: 16).RunTrial(2, data, scores);
        double[] dense = Dense.Value;
        Assert.Equal(dense, scores);
        Assert.True(dense.Sum() > data.Count * 5, "the network must actually spike");
    }

    [Fact]
    public void Reference_model_reaches_its_published_ideal_accuracy_on_fashion_mnist()
    {
        // ../shared/models/README.md: 0.882 +/- 0.002 on the first 2,000 test images (ideal, rate coding, T = 32).
        Dataset data = TestData.FashionMnistTest(2000);
        TrialResult result = new ReferenceEngine(TestData.SharedModel, CrossbarSettings.Ideal, 1, batch: 128).RunTrial(0, data);
        Assert.Equal(2000, result.Total);
        Assert.InRange(result.Accuracy, 0.872, 0.892);
    }
}
