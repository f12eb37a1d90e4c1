using System.Globalization;

namespace DistSnn.Runtime.Reports;

/// <summary>
/// The accuracies a study's points are read against, drawn as horizontal lines: the same model on ideal devices
/// (computed, <see cref="DistSnn.Core.Study.IdealDeviceAccuracy"/>) and in software (from the model's metadata,
/// <see cref="DistSnn.Core.Models.SoftwareAccuracy"/>). Either is null when the study has none.
/// </summary>
public sealed record AccuracyReferences(double? IdealDevices, double? Software)
{
    public static AccuracyReferences None { get; } = new(null, null);

    /// <summary>The lines to draw, each with its legend text, ideal devices first.</summary>
    internal IEnumerable<(double Value, string Legend, bool IsIdeal)> Lines
    {
        get
        {
            if (IdealDevices is double ideal) yield return (ideal, $"ideal devices (computed): {Text(ideal)}", true);
            if (Software is double software) yield return (software, $"software ANN (model metadata): {Text(software)}", false);
        }
    }

    internal IEnumerable<double> Values => Lines.Select(l => l.Value);

    private static string Text(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
