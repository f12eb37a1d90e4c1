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

    public static PointSummary Of(int point, IReadOnlyList<string> coordinates, IReadOnlyList<double> accuracies, double adcClipFraction = 0)
    {
        int n = accuracies.Count;
        if (n == 0) return new PointSummary(point, coordinates, 0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, adcClipFraction);
        double mean = 0;
        foreach (double a in accuracies) mean += a;
        mean /= n;
        double std = double.NaN, se = double.NaN, low = double.NaN, high = double.NaN;
        if (n > 1)
        {
            double squares = 0;
            foreach (double a in accuracies) squares += (a - mean) * (a - mean);
            std = Math.Sqrt(squares / (n - 1));
            se = std / Math.Sqrt(n);
            double half = StudentT.Quantile(0.975, n - 1) * se;
            low = mean - half;
            high = mean + half;
        }
        return new PointSummary(point, coordinates, n, mean, std, se, low, high, accuracies.Min(), accuracies.Max(), adcClipFraction);
    }
}
