using System.Globalization;
using DistSnn.Core.Snn;

namespace DistSnn.Core.Models;

/// <summary>
/// The test accuracy a model file says its network reached in software, before any crossbar: the trained ANN's
/// (<c>ann_test_accuracy</c>, written by <c>distsnn train</c>). A report shows it beside the ideal-device accuracy,
/// so a reader sees what the conversion to spikes cost and what the devices cost.
/// </summary>
public static class SoftwareAccuracy
{
    public const string MetadataKey = "ann_test_accuracy";

    /// <summary>The recorded accuracy; null when the metadata has none, or none that is a number in [0, 1].</summary>
    public static double? Of(SnnModel model) =>
        model.Metadata.TryGetValue(MetadataKey, out string? text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            && value is >= 0 and <= 1
            ? value
            : null;
}
