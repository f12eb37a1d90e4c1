namespace DistSnn.Core.Random;

/// <summary>
/// Gamma(shape, scale) variates from a keyed stream, by Marsaglia and Tsang's method ("A simple method for generating
/// gamma variables", ACM TOMS 26(3), 2000): for shape a >= 1, with d = a - 1/3 and c = 1 / sqrt(9 d), draw a normal x
/// and a uniform u until v = (1 + c x)^3 > 0 and ln u &lt; x^2/2 + d - d v + d ln v; the variate is d v. For a &lt; 1 the
/// variate of a + 1 times u^(1/a) (the same paper). Attempt n reads the normal of element <c>first + 64 n</c> and the
/// uniform of element <c>first + 64 n + 32</c>: whole groups of their own, so no two draws share a Philox word. In
/// double precision, deterministic on every CPU (no vector path).
/// </summary>
public static class GammaVariate
{
    private const int MaxAttempts = 1000;

    /// <summary>A variate of mean <c>shape * scale</c> and variance <c>shape * scale^2</c>.</summary>
    public static double Draw(in RandomStream stream, long first, double shape, double scale)
    {
        if (!(shape > 0) || !(scale > 0)) throw new ArgumentOutOfRangeException(nameof(shape), "shape and scale must be positive");
        if (first % 64 != 0) throw new ArgumentException("the first element must start a group (a multiple of 64)", nameof(first));
        if (shape < 1)
        {
            // The boost: its own uniform, after the attempts' groups.
            double boost = Math.Pow(Uniform(stream, first + 64L * MaxAttempts), 1.0 / shape);
            return Draw(stream, first, shape + 1, scale) * boost;
        }
        double d = shape - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        for (int n = 0; n < MaxAttempts; n++)
        {
            double x = stream.Normal(first + 64L * n);
            double v = 1 + c * x;
            if (v <= 0) continue;
            v = v * v * v;
            double u = Uniform(stream, first + 64L * n + 32);
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v)) return d * v * scale;
        }
        // The acceptance rate is above 95% for every shape: 1000 rejections in a row do not happen.
        throw new InvalidOperationException("the gamma draw rejected 1000 times in a row");
    }

    private static double Uniform(in RandomStream stream, long element) => NormalTransform.Uniform23(stream.Bits(element));
}
