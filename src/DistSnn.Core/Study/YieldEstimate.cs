namespace DistSnn.Core.Study;

/// <summary>
/// The yield of one sweep point: the fraction of its chips (trials) whose accuracy reaches
/// <paramref name="Threshold"/>, with its exact 95% interval (<see cref="ClopperPearson"/>): the figure a hardware
/// team signs off on.
/// </summary>
/// <param name="Chips">Trials of the point.</param>
/// <param name="Passing">Trials with accuracy at least the threshold.</param>
public sealed record YieldEstimate(double Threshold, int Chips, int Passing, double Fraction, double Ci95Low, double Ci95High)
{
    /// <summary>The yield of <paramref name="accuracies"/> (one per chip) at <paramref name="threshold"/>; with no
    /// chips the fraction and its interval are undefined (NaN).</summary>
    public static YieldEstimate Of(double threshold, IReadOnlyCollection<double> accuracies)
    {
        int chips = accuracies.Count;
        if (chips == 0) return new YieldEstimate(threshold, 0, 0, double.NaN, double.NaN, double.NaN);
        int passing = accuracies.Count(a => a >= threshold);
        var (low, high) = ClopperPearson.Interval(passing, chips);
        return new YieldEstimate(threshold, chips, passing, (double)passing / chips, low, high);
    }
}
