namespace DistSnn.Core.Study;

/// <summary>
/// The mean of a sample with its sample standard deviation, standard error and Student-t 95% confidence interval;
/// the spread is undefined (NaN) below two values and everything is NaN for none.
/// </summary>
internal readonly record struct MeanEstimate(int Count, double Mean, double Std, double StandardError, double Ci95Low, double Ci95High)
{
    public static MeanEstimate Of(IReadOnlyList<double> values)
    {
        int n = values.Count;
        if (n == 0) return new MeanEstimate(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        double mean = 0;
        foreach (double v in values) mean += v;
        mean /= n;
        if (n == 1) return new MeanEstimate(1, mean, double.NaN, double.NaN, double.NaN, double.NaN);

        double squares = 0;
        foreach (double v in values) squares += (v - mean) * (v - mean);
        double std = Math.Sqrt(squares / (n - 1));
        double se = std / Math.Sqrt(n);
        double half = StudentT.Quantile(0.975, n - 1) * se;
        return new MeanEstimate(n, mean, std, se, mean - half, mean + half);
    }
}
