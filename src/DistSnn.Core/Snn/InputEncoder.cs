using DistSnn.Core.Crossbar;
using DistSnn.Core.Random;

namespace DistSnn.Core.Snn;

/// <summary>Turns a sample's features in [0, 1] into the first layer's input for one time step.</summary>
public static class InputEncoder
{
    /// <summary>
    /// Rate: a spike (1) with probability equal to the feature, drawn from (seed, trial, sample, step, feature).
    /// Direct: the feature itself through the DAC, the same every step.
    /// </summary>
    public static void Encode(EncoderKind kind, ReadOnlySpan<float> features, in ReadKey key, Dac dac, Span<float> input, Span<double> scratch)
    {
        if (kind == EncoderKind.Direct)
        {
            for (int i = 0; i < features.Length; i++) input[i] = dac.Convert(features[i]);
            return;
        }
        Span<double> uniforms = scratch[..features.Length];
        new RandomStream(key.Seed, key.Trial, RandomScope.Encoder, 0, 0, key.Sample, key.Step).FillUniform(uniforms);
        for (int i = 0; i < features.Length; i++) input[i] = uniforms[i] < features[i] ? 1f : 0f;
    }
}
