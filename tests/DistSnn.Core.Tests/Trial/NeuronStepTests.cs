using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Random;
using DistSnn.Core.Snn;
using DistSnn.Core.Trial;

namespace DistSnn.Core.Tests.Trial;

/// <summary>
/// The neuron step (vector path) against the scalar neuron, <see cref="LifNeuron.Step(NeuronSettings, ref double, double)"/>
/// one neuron at a time, on the currents of the shared model's first layer for real Fashion-MNIST spikes: the same bits
/// of membrane and the same spikes, step after step.
/// </summary>
public class NeuronStepTests
{
    private static readonly Dataset Images = TestData.FashionMnistTest(16);

    [Theory]
    [InlineData(1.0, ResetMode.Subtract, 0.0, 0, 500)]
    [InlineData(0.9, ResetMode.Subtract, 0.2, 0, 500)]
    [InlineData(0.95, ResetMode.Zero, 0.1, 0, 500)]
    [InlineData(1.0, ResetMode.None, 0.0, 0, 500)]
    [InlineData(0.9, ResetMode.Subtract, 0.2, 128, 123)]   // a column group that starts inside the layer, odd width
    [InlineData(0.8, ResetMode.Zero, 0.0, 493, 7)]         // fewer neurons than one vector
    public void The_step_gives_the_scalar_neurons_bits(double beta, ResetMode reset, double sigma, int colStart, int cols)
    {
        var neuron = new NeuronSettings(beta, 0.5, reset, sigma);
        TrialPlan plan = new(TestData.SharedModel.With(neuron: neuron), new CrossbarSettings(), Images, 11, Images.Count);
        int samples = Images.Count, inputs = plan.Model.Inputs, trial = 2;
        DenseLayer layer = plan.Model.Layers[0];
        var step = new NeuronStep(cols);
        var membrane = new double[samples * cols];
        var expectedMembrane = new double[samples * cols];
        var spikes = new ulong[samples * PackedSpikes.WordsFor(cols)];
        var packedInputs = new ulong[samples * PackedSpikes.WordsFor(inputs)];
        var x = new float[inputs];
        var current = new float[samples * cols];
        var z = new float[cols];
        int fired = 0;
        for (int t = 0; t < 8; t++)
        {
            ReadKey first = plan.FirstKey(trial, 0, t);
            EncoderStep.Spikes(plan, 0, samples, first, packedInputs);
            for (int s = 0; s < samples; s++)
            {
                PackedSpikes.Unpack(packedInputs.AsSpan(s * PackedSpikes.WordsFor(inputs), PackedSpikes.WordsFor(inputs)), x);
                for (int c = 0; c < cols; c++)
                {
                    float sum = 0f;
                    for (int r = 0; r < inputs; r++) sum += x[r] * layer.Weight(colStart + c, r);
                    current[s * cols + c] = sum;
                }
            }
            step.Fire(plan, 0, colStart, cols, samples, first, current, membrane, spikes);

            for (int s = 0; s < samples; s++)
            {
                (first with { Sample = first.Sample + s }).Stream(RandomScope.Neuron, 0, 0).FillNormal(z, colStart);
                for (int c = 0; c < cols; c++)
                {
                    double input = current[s * cols + c];
                    input += layer.Bias![colStart + c];
                    if (sigma > 0) input += sigma * z[c];
                    bool spike = LifNeuron.Step(neuron, ref expectedMembrane[s * cols + c], input);
                    bool got = (spikes[s * PackedSpikes.WordsFor(cols) + (c >> 6)] >> (c & 63) & 1) == 1;
                    Assert.True(spike == got, $"step {t}, sample {s}, neuron {colStart + c}: spike {got}, the scalar neuron {spike}");
                    if (spike) fired++;
                }
            }
            Assert.Equal(expectedMembrane, membrane);
        }
        Assert.True(fired > samples, "the neurons must fire");
    }
}
