namespace DistSnn.Core.Tests.Random;

/// <summary>
/// The standard normal CDF in double precision, for the distribution tests: <c>Phi(z) = erfc(-z / sqrt 2) / 2</c>,
/// with erfc from two expansions that need no subtraction of nearly equal numbers:
/// <code>
///   x &lt; 2:  erf x  = (2 / sqrt pi) e^(-x^2) sum_n 2^n x^(2n+1) / (1 3 5 ... (2n+1))     (all terms positive)
///   x >= 2: erfc x = (e^(-x^2) / sqrt pi) / (x + (1/2) / (x + 1 / (x + (3/2) / (x + 2 / (x + ...)))))
/// </code>
/// (the continued fraction evaluated bottom-up from a fixed depth). Relative error below 1e-14 on the values the tests
/// check against (see <see cref="NormalCdfTests"/>).
/// </summary>
internal static class NormalCdf
{
    private const double InvSqrtPi = 0.56418958354775628695;
    private const int ContinuedFractionDepth = 120;

    public static double Cdf(double z) => 0.5 * Erfc(-z / Math.Sqrt(2));

    /// <summary><c>P(|Z| > k)</c> for a standard normal Z.</summary>
    public static double TwoSidedTail(double k) => Erfc(k / Math.Sqrt(2));

    public static double Erfc(double x)
    {
        if (x < 0) return 2 - Erfc(-x);
        if (x < 2) return 1 - Erf(x);
        double fraction = x;
        for (int n = ContinuedFractionDepth; n >= 1; n--) fraction = x + n * 0.5 / fraction;
        return Math.Exp(-x * x) * InvSqrtPi / fraction;
    }

    private static double Erf(double x)
    {
        double term = x, sum = x, x2 = x * x;
        for (int n = 1; term > 1e-17 * sum; n++)
        {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
        }
        return 2 * InvSqrtPi * Math.Exp(-x2) * sum;
    }
}
