namespace DistSnn.Core.Random;

/// <summary>
/// Box-Muller in float32 from two 32-bit words: <c>r = sqrt(-2 ln u1)</c>, <c>z = r cos(2 pi u2)</c> or
/// <c>r sin(2 pi u2)</c>. PLACEHOLDER scalar version on Math functions; to be replaced by explicitly written
/// polynomials that the vector paths repeat bit for bit.
/// </summary>
public static class NormalTransform
{
    private const float Inv2Pow24 = 1.0f / 16777216.0f;

    /// <summary>A uniform in (0, 1) from the top 24 bits: exact in float.</summary>
    public static float Uniform24(uint bits) => ((bits >> 8) + 0.5f) * Inv2Pow24;

    public static float Cosine(uint u1, uint u2) => Radius(u1) * (float)Math.Cos(2 * Math.PI * Uniform24(u2));

    public static float Sine(uint u1, uint u2) => Radius(u1) * (float)Math.Sin(2 * Math.PI * Uniform24(u2));

    private static float Radius(uint u1) => (float)Math.Sqrt(-2.0 * Math.Log((u1 + 0.5) / 4294967296.0));
}
