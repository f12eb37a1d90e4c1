namespace DistSnn.Core.Study;

/// <summary>
/// Accuracy statistics of one sweep point over its trials: mean, sample standard deviation, standard error,
/// Student-t 95% confidence interval of the mean, min and max. With one trial the spread is undefined (NaN).
/// </summary>
public sealed record PointSummary(
    int Point,
    IReadOnlyList<string> Coordinates,
    int Trials,
    double Mean,
    double Std,
    double StandardError,
    double Ci95Low,
    double Ci95High,
    double Min,
    double Max,
    double AdcClipFraction)
{
    public double Ci95HalfWidth => (Ci95High - Ci95Low) / 2;

    /// <summary>This point's accuracy minus the baseline point's, chip by chip; null when not computed
    /// (<see cref="StudyRunner.Summarise"/> always fills it).</summary>
    public PairedDifference? PairedDifference { get; init; }

    /// <summary>The trials the paired difference rests on (those both this point and the baseline ran; fewer than
    /// <see cref="Trials"/> when adaptive counts differ), for every table that shows the difference; 0 when not computed.</summary>
    public int DifferencePairs => PairedDifference?.Pairs ?? 0;

    /// <summary>The fraction of chips reaching the spec's <c>yield_threshold</c>, with its exact interval; null
    /// when the spec sets no threshold.</summary>
    public YieldEstimate? Yield { get; init; }

    /// <summary>What the point's chips were and did, averaged over them (<see cref="ChipStatistics.Mean"/>); null
    /// when not computed.</summary>
    public ChipStatistics? Chip { get; init; }

    public static PointSummary Of(int point, IReadOnlyList<string> coordinates, IReadOnlyList<double> accuracies, double adcClipFraction = 0)
    {
        var estimate = MeanEstimate.Of(accuracies);
        if (estimate.Count == 0) return new PointSummary(point, coordinates, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, adcClipFraction);
        return new PointSummary(point, coordinates, estimate.Count, estimate.Mean, estimate.Std, estimate.StandardError,
            estimate.Ci95Low, estimate.Ci95High, accuracies.Min(), accuracies.Max(), adcClipFraction);
    }
}
