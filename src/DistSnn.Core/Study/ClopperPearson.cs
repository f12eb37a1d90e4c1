namespace DistSnn.Core.Study;

/// <summary>
/// The exact (Clopper-Pearson) confidence interval of a binomial proportion: with <c>k</c> successes in <c>n</c>
/// trials, the lower bound is the <c>alpha/2</c> quantile of Beta(k, n - k + 1) (0 when k = 0) and the upper bound
/// the <c>1 - alpha/2</c> quantile of Beta(k + 1, n - k) (1 when k = n). Conservative: it covers the true proportion
/// with at least the stated probability for every n, where the normal approximation fails near 0 and 1, which is
/// where a chip's yield lives.
/// </summary>
public static class ClopperPearson
{
    /// <summary>The two-sided interval at <paramref name="confidence"/> (default 95%).</summary>
    public static (double Low, double High) Interval(int successes, int trials, double confidence = 0.95)
    {
        if (trials < 1) throw new ArgumentOutOfRangeException(nameof(trials), "at least one trial");
        if (successes < 0 || successes > trials) throw new ArgumentOutOfRangeException(nameof(successes), "between 0 and the trials");
        if (!(confidence > 0 && confidence < 1)) throw new ArgumentOutOfRangeException(nameof(confidence));
        double alpha = 1 - confidence;
        double low = successes == 0 ? 0.0 : BetaQuantile(alpha / 2, successes, trials - successes + 1);
        double high = successes == trials ? 1.0 : BetaQuantile(1 - alpha / 2, successes + 1, trials - successes);
        return (low, high);
    }

    /// <summary>The x in [0, 1] with <c>I_x(a, b) = p</c>, by bisection (the CDF is increasing): to about 1e-14.</summary>
    public static double BetaQuantile(double p, double a, double b)
    {
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p));
        double low = 0, high = 1;
        for (int i = 0; i < 100 && high - low > 1e-15; i++)
        {
            double mid = 0.5 * (low + high);
            if (StudentT.RegularizedIncompleteBeta(a, b, mid) < p) low = mid; else high = mid;
        }
        return 0.5 * (low + high);
    }
}
