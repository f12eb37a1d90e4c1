using System.Globalization;
using DistSnn.Core.Data;
using DistSnn.Core.Models;
using DistSnn.Core.Snn;

namespace DistSnn.Core.Training;

/// <summary>
/// ANN-to-SNN conversion by data-based threshold balancing (Diehl et al. 2015, Rueckauer et al. 2017).
/// An IF neuron with threshold 1 and reset by subtraction fires at a rate close to its input current,
/// clipped to [0, 1] spikes per step. Dividing layer l's activations by lambda_l, a high percentile of them
/// over the training set, maps almost all of them into that range: W_l becomes W_l * lambda_{l-1} / lambda_l
/// and b_l becomes b_l / lambda_l, with lambda_input = 1 because the rate encoder's spike probabilities are
/// the features themselves.
/// </summary>
public static class ThresholdBalancing
{
    public const string ModelFormat = "distsnn-model/1";

    /// <summary>
    /// lambda_l for every layer: the <paramref name="percentile"/>-th percentile (linear interpolation between
    /// order statistics, as numpy's default) of the layer's ReLU outputs over all neurons and all samples of
    /// <paramref name="calibration"/>, zeros included. The last layer has no ReLU; its pre-activations are
    /// clamped at zero (max(z, 0)) since an IF neuron cannot fire at a negative rate either.
    /// A lambda that comes out 0 falls back to the layer's largest activation, and to 1 when the layer never
    /// activates, so the scaling stays finite.
    /// </summary>
    public static double[] LayerScales(ReluMlp ann, Dataset calibration, double percentile)
    {
        if (!(percentile > 0 && percentile <= 100)) throw new ArgumentException("percentile must lie in (0, 100]");
        if (calibration.Count == 0) throw new ArgumentException("threshold balancing needs at least one calibration sample");
        if (calibration.Features != ann.Inputs)
            throw new ArgumentException($"the network takes {ann.Inputs} features, the calibration set has {calibration.Features}");

        var values = ann.Layers.Select(layer => new double[calibration.Count * layer.Outputs]).ToArray();
        for (int s = 0; s < calibration.Count; s++)
        {
            double[][] activations = ann.Activations(calibration.Sample(s));
            for (int l = 0; l < activations.Length; l++)
            {
                double[] layerValues = values[l];
                int offset = s * activations[l].Length;
                for (int o = 0; o < activations[l].Length; o++) layerValues[offset + o] = Math.Max(activations[l][o], 0.0);
            }
        }

        var scales = new double[values.Length];
        for (int l = 0; l < values.Length; l++)
        {
            Array.Sort(values[l]);
            double scale = Percentile(values[l], percentile);
            if (scale <= 0) scale = values[l][^1];
            scales[l] = scale > 0 ? scale : 1.0;
        }
        return scales;
    }

    /// <summary>The layers rescaled by <paramref name="scales"/> (one lambda per layer, all positive).</summary>
    public static DenseLayer[] ScaleLayers(ReluMlp ann, IReadOnlyList<double> scales)
    {
        if (scales.Count != ann.Layers.Count) throw new ArgumentException($"{scales.Count} scales for {ann.Layers.Count} layers");
        if (scales.Any(scale => !(scale > 0) || double.IsInfinity(scale))) throw new ArgumentException("every scale must be positive and finite");
        var scaled = new DenseLayer[ann.Layers.Count];
        double previous = 1.0;
        for (int l = 0; l < scaled.Length; l++)
        {
            DenseLayer layer = ann.Layers[l];
            double weightFactor = previous / scales[l];
            float[] weights = layer.Weights.Select(w => (float)(w * weightFactor)).ToArray();
            float[]? bias = layer.Bias?.Select(b => (float)(b / scales[l])).ToArray();
            scaled[l] = new DenseLayer(layer.Outputs, layer.Inputs, weights, bias);
            previous = scales[l];
        }
        return scaled;
    }

    /// <summary>
    /// Converts <paramref name="ann"/> into an IF network (beta 1, threshold 1, reset by subtraction, rate
    /// encoder, spike-count readout) balanced on <paramref name="calibration"/> (normally the training set).
    /// <paramref name="trainingDescription"/> says how the network was trained and heads the model's
    /// <c>provenance</c>; <paramref name="annTestAccuracy"/> is recorded as <c>ann_test_accuracy</c>.
    /// </summary>
    public static SnnModel Convert(ReluMlp ann, Dataset calibration, ThresholdBalancingSettings settings,
        string trainingDescription, double annTestAccuracy)
    {
        settings.Validate();
        double[] scales = LayerScales(ann, calibration, settings.Percentile);
        DenseLayer[] layers = ScaleLayers(ann, scales);

        var invariant = CultureInfo.InvariantCulture;
        string accuracy = annTestAccuracy.ToString("0.0000", invariant);
        string lambdas = string.Join(", ", scales.Select(scale => scale.ToString("0.####", invariant)));
        string provenance = string.Create(invariant,
            $"{trainingDescription}; ANN test accuracy {accuracy}; converted to IF neurons (threshold 1, reset by subtraction) " +
            $"by threshold balancing at the {settings.Percentile}th percentile of each layer's activations over " +
            $"{calibration.Count} {calibration.Name} samples (lambda per layer: {lambdas})");
        var metadata = new Dictionary<string, string>
        {
            ["format"] = ModelFormat,
            ["input_shape"] = string.Join(',', calibration.Shape),
            ["dataset"] = calibration.Name,
            ["provenance"] = provenance,
            [SoftwareAccuracy.MetadataKey] = accuracy,
        };
        return new SnnModel(layers, new NeuronSettings(), EncoderKind.Rate, settings.Timesteps, ReadoutKind.SpikeCount, metadata);
    }

    /// <summary>The p-th percentile of ascending <paramref name="sorted"/>, interpolating linearly between neighbours.</summary>
    internal static double Percentile(double[] sorted, double percentile)
    {
        double position = percentile / 100.0 * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        if (below >= sorted.Length - 1) return sorted[^1];
        double fraction = position - below;
        return sorted[below] + fraction * (sorted[below + 1] - sorted[below]);
    }
}
