using DistSnn.Core.Crossbar;
using DistSnn.Core.Random;
using DistSnn.Core.Snn;

namespace DistSnn.Core.Trial;

/// <summary>
/// The encoder step: one round of a batch's samples (features in [0, 1]) to the first layer's inputs.
/// Rate coding: input i of sample s spikes at step t when <c>u &lt; x_i</c>, u uniform from the Encoder stream of
/// (trial, sample, step), element i; the spikes come out packed. Direct coding: <c>x_i</c> itself through the DAC,
/// the same every step.
/// </summary>
public static class EncoderStep
{
    /// <summary>Rate coding: packed spikes <c>[samples, WordsFor(inputs)]</c>.</summary>
    public static void Spikes(TrialPlan plan, int batch, int samples, in ReadKey first, Span<ulong> spikes)
    {
        int inputs = plan.Model.Inputs, words = PackedSpikes.WordsFor(inputs), start = plan.BatchFirst(batch);
        for (int s = 0; s < samples; s++)
        {
            RandomStream stream = (first with { Sample = first.Sample + s }).Stream(RandomScope.Encoder, 0, 0);
            stream.FillBernoulli(plan.Data.Sample(start + s), spikes.Slice(s * words, words));
        }
    }

    /// <summary>Direct coding: analog inputs after the DAC, <c>[samples, inputs]</c>.</summary>
    public static void Analog(TrialPlan plan, int batch, int samples, Span<float> inputs)
    {
        var dac = new Dac(plan.Crossbar.Dac.Bits);
        int width = plan.Model.Inputs, start = plan.BatchFirst(batch);
        for (int s = 0; s < samples; s++)
        {
            ReadOnlySpan<float> features = plan.Data.Sample(start + s);
            Span<float> row = inputs.Slice(s * width, width);
            for (int i = 0; i < width; i++) row[i] = dac.Convert(features[i]);
        }
    }

    public static bool IsRate(TrialPlan plan) => plan.Model.Encoder == EncoderKind.Rate;
}
