namespace DistSnn.Core.Tests.Random;

internal static class KolmogorovSmirnov
{
    /// <summary>
    /// <c>D = sup |F_n(x) - F(x)|</c> of a sorted sample: at each distinct value x, with i values below it and j values at
    /// or below it, <c>D >= j / n - F(x)</c> and <c>D >= F(x) - i / n</c> (ties, which float samples have, counted once).
    /// </summary>
    public static double Statistic(float[] sorted, Func<double, double> cdf)
    {
        int n = sorted.Length;
        double d = 0;
        for (int i = 0; i < n;)
        {
            int j = i + 1;
            while (j < n && sorted[j] == sorted[i]) j++;
            double f = cdf(sorted[i]);
            d = Math.Max(d, Math.Max((double)j / n - f, f - (double)i / n));
            i = j;
        }
        return d;
    }
}
