namespace DistSnn.Core.Study;

/// <summary>Student's t distribution: the CDF through the regularised incomplete beta function, the quantile by bisection.</summary>
public static class StudentT
{
    /// <summary>P(T &lt;= t) for <paramref name="df"/> degrees of freedom.</summary>
    public static double Cdf(double t, double df)
    {
        if (df <= 0) throw new ArgumentOutOfRangeException(nameof(df));
        double x = df / (df + t * t);
        double tail = 0.5 * RegularizedIncompleteBeta(df / 2.0, 0.5, x);
        return t >= 0 ? 1.0 - tail : tail;
    }

    /// <summary>The t with <c>Cdf(t) = p</c>, to about 1e-12.</summary>
    public static double Quantile(double p, double df)
    {
        if (!(p > 0 && p < 1)) throw new ArgumentOutOfRangeException(nameof(p));
        if (p < 0.5) return -Quantile(1 - p, df);
        double low = 0, high = 1;
        while (Cdf(high, df) < p) high *= 2;
        for (int i = 0; i < 200 && high - low > 1e-13 * Math.Max(1, high); i++)
        {
            double mid = 0.5 * (low + high);
            if (Cdf(mid, df) < p) low = mid; else high = mid;
        }
        return 0.5 * (low + high);
    }

    /// <summary>I_x(a, b) by its continued fraction (modified Lentz), using the symmetry for fast convergence.</summary>
    public static double RegularizedIncompleteBeta(double a, double b, double x)
    {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        double logFront = LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x);
        if (x < (a + 1) / (a + b + 2)) return Math.Exp(logFront) * BetaContinuedFraction(a, b, x) / a;
        return 1 - Math.Exp(logFront) * BetaContinuedFraction(b, a, 1 - x) / b;
    }

    private static double BetaContinuedFraction(double a, double b, double x)
    {
        const double Tiny = 1e-300;
        double c = 1, d = 1 - (a + b) * x / (a + 1);
        if (Math.Abs(d) < Tiny) d = Tiny;
        d = 1 / d;
        double result = d;
        for (int m = 1; m <= 1000; m++)
        {
            int m2 = 2 * m;
            double even = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + even * d; if (Math.Abs(d) < Tiny) d = Tiny;
            c = 1 + even / c; if (Math.Abs(c) < Tiny) c = Tiny;
            d = 1 / d;
            result *= d * c;
            double odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + odd * d; if (Math.Abs(d) < Tiny) d = Tiny;
            c = 1 + odd / c; if (Math.Abs(c) < Tiny) c = Tiny;
            d = 1 / d;
            double delta = d * c;
            result *= delta;
            if (Math.Abs(delta - 1) < 1e-15) break;
        }
        return result;
    }

    /// <summary>ln Gamma(x) for x &gt; 0 (Lanczos, g = 7, n = 9), accurate to about 1e-15.</summary>
    public static double LogGamma(double x)
    {
        ReadOnlySpan<double> coefficients =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        if (x < 0.5) return Math.Log(Math.PI / Math.Abs(Math.Sin(Math.PI * x))) - LogGamma(1 - x);
        x -= 1;
        double sum = coefficients[0];
        for (int i = 1; i < coefficients.Length; i++) sum += coefficients[i] / (x + i);
        double t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }
}
