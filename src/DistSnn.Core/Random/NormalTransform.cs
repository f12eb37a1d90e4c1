using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DistSnn.Core.Random;

/// <summary>
/// Box-Muller in float32 from two 32-bit words <c>b1</c>, <c>b2</c>: <c>z_cos = r cos(theta)</c>,
/// <c>z_sin = r sin(theta)</c>, with
/// <code>
///   r     = sqrt(-2 ln u1),     u1    = (b1 + 0.5) 2^-32                 (0 &lt; u1 &lt; 1, largest r = sqrt(66 ln 2) = 6.764)
///   theta = 2 pi u2,            u2    = (floor(b2 / 64) + 0.5) 2^-26      (the top 26 bits; float has no use for more)
/// </code>
/// written out in float polynomials so that the scalar and the Vector256 / Vector512 versions give the same bits on
/// every x64 CPU: each version does the same correctly rounded IEEE operations (add, subtract, multiply, sqrt,
/// int-to-float of integers below 2^24) in the same order, never a fused multiply-add or a hardware estimate.
/// <para><b>ln u1.</b> u1 itself is not exact in float, so the word is split by size. Below
/// <c>b1 = 3037000500</c> (u1 &lt; sqrt(1/2)) the float <c>x = RN((b1 + 0.5) 2^-32)</c> is formed as
/// <c>(b1 >> 8) 2^-24 + ((b1 &amp; 255) + 0.5) 2^-32</c>: two exact terms and one rounding, so x is u1 correctly
/// rounded (relative error at most 2^-24), and <c>x = m 2^e</c> with <c>m</c> in [sqrt(1/2), sqrt(2)) by integer
/// arithmetic on its bits. From there up u1 is near 1, where a float u1 would lose the low bits of <c>1 - u1</c>
/// that decide a small radius; so the complement word is used instead, <c>w = RN((~b1 + 0.5) 2^-32) = 1 - u1</c>
/// (same construction), and <c>m = 1 - w</c>, <c>e = 0</c>, with <c>f = m - 1 = -w</c> taken directly. Then
/// <code>
///   ln u1 = e ln2 + ln(1 + f),   ln(1 + f) = f - f^2/2 + f^3 P(f),   f in [sqrt(1/2) - 1, sqrt(2) - 1]
/// </code>
/// with P of degree 8 fitted here (Chebyshev fit of (ln(1+f) - f + f^2/2) / f^3, coefficients rounded to float;
/// fit error below 2.1e-9 on ln(1+f)), and ln 2 split in <c>355/512</c> (exact times any e here) plus a float tail.</para>
/// <para><b>cos and sin.</b> The octant <c>o = b2 >> 29</c> comes from the top 3 bits (exact range reduction); the
/// next 23 bits give <c>x = (q + 0.5) pi/4 2^-23</c> in (0, pi/4), with <c>q</c> mirrored (<c>q ^ (2^23 - 1)</c>,
/// i.e. <c>x -> pi/4 - x</c>) in odd octants. On [0, pi/4]
/// <code>
///   sin x = x + x^3 S(x^2),   cos x = 1 - x^2/2 + x^4 C(x^2)    (S, C of degree 2, fit error below 1e-8)
/// </code>
/// and the octant picks the pair: cosine and sine swap where bit 29 xor bit 30 is set (octants 1, 2, 5, 6), the cosine
/// is negated where bit 30 xor bit 31 is set (octants 2..5), the sine where bit 31 is set (octants 4..7).</para>
/// <para><b>Accuracy</b>, measured against a double-precision Box-Muller of the same words with the same u1 and u2:
/// <code>
///   radius, all 2^32 words b1:        |r - r_double| &lt;= 3.96e-7,  |r - r_double| / r &lt;= 1.46e-7 (2.5 2^-24)
///   cos, sin, all 2^26 angles b2:     |c - cos_double| &lt;= 1.26e-7  (2.1 2^-24)
///   normals, 10^7 random word pairs:  |z - z_double| &lt;= 6.3e-7
///   normals at the largest radius (b1 = 0, r = 6.764), all 2^26 angles: |z - z_double| &lt;= 8.4e-7
/// </code>
/// so <c>|z - z_double| &lt;= |dr| + r |dc| + ulp(z)/2 &lt;= 3.96e-7 + 6.764 * 1.26e-7 + 2.4e-7 = 1.5e-6</c> for every pair
/// of words, and below 1e-6 wherever it was measured.</para>
/// </summary>
public static class NormalTransform
{
    private const float Inv2Pow24 = 1.0f / 16777216.0f;
    private const float Inv2Pow23 = 1.0f / 8388608.0f;
    private const float Inv2Pow32 = 1.0f / 4294967296.0f;

    /// <summary>The first word with <c>(b + 0.5) 2^-32 >= sqrt(1/2)</c>: <c>2^32 / sqrt(2) - 0.5 = 3037000499.48</c>, rounded up.</summary>
    private const uint NearOneWord = 3037000500;
    /// <summary>Float bits of sqrt(1/2) (0.70710677); subtracting them makes the exponent field count from sqrt(1/2).</summary>
    private const int HalfRootTwoBits = 0x3F3504F3;
    private const int MantissaMask = 0x007FFFFF;
    private const float Ln2High = 355f / 512f;          // 9 significant bits: e Ln2High is exact for |e| < 2^15
    private const float Ln2Low = -2.12194442e-4f;       // ln 2 - 355/512, rounded to float

    // ln(1 + f) = f - f^2/2 + f^3 (L0 + L1 f + ... + L8 f^8) on [sqrt(1/2) - 1, sqrt(2) - 1].
    private const float L0 = 0.333333313f, L1 = -0.24999997f, L2 = 0.200007156f, L3 = -0.166678026f,
        L4 = 0.142490581f, L5 = -0.124256872f, L6 = 0.116854198f, L7 = -0.114797339f, L8 = 0.0697161183f;

    // sin x = x + x^3 (S0 + S1 x^2 + S2 x^4), cos x = 1 - x^2/2 + x^4 (C0 + C1 x^2 + C2 x^4) on [0, pi/4].
    private const float S0 = -0.166666642f, S1 = 0.00833274797f, S2 = -0.000195878907f;
    private const float C0 = 0.0416666642f, C1 = -0.00138883025f, C2 = 2.45479423e-05f;

    private const int OctantFractionBits = 23;
    private const uint OctantFractionMask = (1u << OctantFractionBits) - 1;
    /// <summary>pi/4 2^-23: float(pi/4) scaled by a power of two, so <c>(q + 0.5) AngleStep = RN((q + 0.5) 2^-23 float(pi/4))</c>.</summary>
    private const float AngleStep = (float)(Math.PI / 4) / (1 << OctantFractionBits);
    private const uint SignBit = 0x80000000;

    /// <summary>
    /// A uniform in the open interval (0, 1) from the top 23 bits: <c>((b >> 9) + 0.5) 2^-23</c>. The sum needs 24
    /// bits, so it is exact in float for every word: the smallest value is 2^-24 and the largest 1 - 2^-24, and
    /// <c>u &lt; p</c> holds for every word when p = 1 and for none when p = 0.
    /// </summary>
    public static float Uniform23(uint bits) => ((bits >> 9) + 0.5f) * Inv2Pow23;

    /// <summary><see cref="Uniform23(uint)"/> on every lane: the same two operations.</summary>
    public static Vector256<float> Uniform23(Vector256<uint> bits) =>
        (Vector256.ConvertToSingle((bits >> 9).AsInt32()) + Vector256.Create(0.5f)) * Inv2Pow23;

    /// <inheritdoc cref="Uniform23(Vector256{uint})"/>
    public static Vector512<float> Uniform23(Vector512<uint> bits) =>
        (Vector512.ConvertToSingle((bits >> 9).AsInt32()) + Vector512.Create(0.5f)) * Inv2Pow23;

    public static float Cosine(uint u1, uint u2) => Radius(u1) * UnitCircle(u2, out _);

    public static float Sine(uint u1, uint u2)
    {
        float radius = Radius(u1);
        UnitCircle(u2, out float sine);
        return radius * sine;
    }

    /// <summary>Both normals of one Box-Muller pair: exactly <c>(Cosine(u1, u2), Sine(u1, u2))</c>, the radius computed once.</summary>
    public static void CosineSine(uint u1, uint u2, out float cosine, out float sine)
    {
        float radius = Radius(u1);
        float cos = UnitCircle(u2, out float sin);
        cosine = radius * cos;
        sine = radius * sin;
    }

    /// <summary>The Box-Muller pairs of eight word pairs, bit for bit the scalar <see cref="CosineSine(uint, uint, out float, out float)"/> of each lane.</summary>
    public static void CosineSine(Vector256<uint> u1, Vector256<uint> u2, out Vector256<float> cosine, out Vector256<float> sine)
    {
        Vector256<float> radius = Radius(u1);
        Vector256<float> cos = UnitCircle(u2, out Vector256<float> sin);
        cosine = radius * cos;
        sine = radius * sin;
    }

    /// <summary>The Box-Muller pairs of sixteen word pairs, bit for bit the scalar <see cref="CosineSine(uint, uint, out float, out float)"/> of each lane.</summary>
    public static void CosineSine(Vector512<uint> u1, Vector512<uint> u2, out Vector512<float> cosine, out Vector512<float> sine)
    {
        Vector512<float> radius = Radius(u1);
        Vector512<float> cos = UnitCircle(u2, out Vector512<float> sin);
        cosine = radius * cos;
        sine = radius * sin;
    }

    // ---- radius: r = sqrt(-2 ln u1) ----

    /// <summary><c>RN((v + 0.5) 2^-32)</c>: both terms are exact (24-bit and 9-bit integers times powers of two), the sum rounds once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Midpoint(uint v) => (int)(v >> 8) * Inv2Pow24 + ((int)(v & 0xFF) + 0.5f) * Inv2Pow32;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Midpoint(Vector256<uint> v) =>
        Vector256.ConvertToSingle((v >> 8).AsInt32()) * Inv2Pow24
        + (Vector256.ConvertToSingle((v & Vector256.Create(0xFFu)).AsInt32()) + Vector256.Create(0.5f)) * Inv2Pow32;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Midpoint(Vector512<uint> v) =>
        Vector512.ConvertToSingle((v >> 8).AsInt32()) * Inv2Pow24
        + (Vector512.ConvertToSingle((v & Vector512.Create(0xFFu)).AsInt32()) + Vector512.Create(0.5f)) * Inv2Pow32;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Radius(uint word)
    {
        float f, e;
        if (word >= NearOneWord)
        {
            f = -Midpoint(~word);   // u1 = 1 - w: f = u1 - 1 = -w, keeping the low bits a float u1 would round away
            e = 0f;
        }
        else
        {
            // x = m 2^e, m in [sqrt(1/2), sqrt(2)): the shifted exponent field is e, the rest rebuilt around sqrt(1/2).
            int offset = BitConverter.SingleToInt32Bits(Midpoint(word)) - HalfRootTwoBits;
            e = offset >> 23;
            f = BitConverter.Int32BitsToSingle((offset & MantissaMask) + HalfRootTwoBits) - 1f;   // exact
        }
        float f2 = f * f;
        float p = L8;
        p = p * f + L7;
        p = p * f + L6;
        p = p * f + L5;
        p = p * f + L4;
        p = p * f + L3;
        p = p * f + L2;
        p = p * f + L1;
        p = p * f + L0;
        float tail = f2 * f;
        tail = tail * p;
        tail = tail + e * Ln2Low;
        tail = tail - f2 * 0.5f;
        float ln = f + tail;
        ln = ln + e * Ln2High;
        return MathF.Sqrt(ln * -2f);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Radius(Vector256<uint> word)
    {
        Vector256<float> nearOne = Vector256.GreaterThanOrEqual(word, Vector256.Create(NearOneWord)).AsSingle();
        Vector256<float> complement = -Midpoint(~word);
        Vector256<int> offset = Midpoint(word).AsInt32() - Vector256.Create(HalfRootTwoBits);
        Vector256<float> split = ((offset & Vector256.Create(MantissaMask)) + Vector256.Create(HalfRootTwoBits)).AsSingle() - Vector256<float>.One;
        Vector256<float> f = Vector256.ConditionalSelect(nearOne, complement, split);
        Vector256<float> e = Vector256.ConditionalSelect(nearOne, Vector256<float>.Zero, Vector256.ConvertToSingle(offset >> 23));
        Vector256<float> f2 = f * f;
        Vector256<float> p = Vector256.Create(L8);
        p = p * f + Vector256.Create(L7);
        p = p * f + Vector256.Create(L6);
        p = p * f + Vector256.Create(L5);
        p = p * f + Vector256.Create(L4);
        p = p * f + Vector256.Create(L3);
        p = p * f + Vector256.Create(L2);
        p = p * f + Vector256.Create(L1);
        p = p * f + Vector256.Create(L0);
        Vector256<float> tail = f2 * f;
        tail = tail * p;
        tail = tail + e * Ln2Low;
        tail = tail - f2 * 0.5f;
        Vector256<float> ln = f + tail;
        ln = ln + e * Ln2High;
        return Vector256.Sqrt(ln * -2f);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Radius(Vector512<uint> word)
    {
        Vector512<float> nearOne = Vector512.GreaterThanOrEqual(word, Vector512.Create(NearOneWord)).AsSingle();
        Vector512<float> complement = -Midpoint(~word);
        Vector512<int> offset = Midpoint(word).AsInt32() - Vector512.Create(HalfRootTwoBits);
        Vector512<float> split = ((offset & Vector512.Create(MantissaMask)) + Vector512.Create(HalfRootTwoBits)).AsSingle() - Vector512<float>.One;
        Vector512<float> f = Vector512.ConditionalSelect(nearOne, complement, split);
        Vector512<float> e = Vector512.ConditionalSelect(nearOne, Vector512<float>.Zero, Vector512.ConvertToSingle(offset >> 23));
        Vector512<float> f2 = f * f;
        Vector512<float> p = Vector512.Create(L8);
        p = p * f + Vector512.Create(L7);
        p = p * f + Vector512.Create(L6);
        p = p * f + Vector512.Create(L5);
        p = p * f + Vector512.Create(L4);
        p = p * f + Vector512.Create(L3);
        p = p * f + Vector512.Create(L2);
        p = p * f + Vector512.Create(L1);
        p = p * f + Vector512.Create(L0);
        Vector512<float> tail = f2 * f;
        tail = tail * p;
        tail = tail + e * Ln2Low;
        tail = tail - f2 * 0.5f;
        Vector512<float> ln = f + tail;
        ln = ln + e * Ln2High;
        return Vector512.Sqrt(ln * -2f);
    }

    // ---- angle: (cos theta, sin theta), theta = 2 pi u2 ----

    /// <summary>cos(theta), and sin(theta) in <paramref name="sine"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float UnitCircle(uint word, out float sine)
    {
        uint mirror = (uint)((int)(word << 2) >> 31);                        // all ones in odd octants (bit 29)
        uint q = ((word >> (32 - 3 - OctantFractionBits)) ^ mirror) & OctantFractionMask;
        float x = ((int)q + 0.5f) * AngleStep;
        float x2 = x * x;
        float s = S2;
        s = s * x2 + S1;
        s = s * x2 + S0;
        float sinX = s * x2;
        sinX = sinX * x;
        sinX = sinX + x;
        float c = C2;
        c = c * x2 + C1;
        c = c * x2 + C0;
        float cosX = c * x2;
        cosX = cosX * x2;
        cosX = cosX - x2 * 0.5f;
        cosX = cosX + 1f;

        uint flips = word ^ (word << 1);                                     // bit 30: b29 ^ b30 (swap), bit 31: b30 ^ b31 (cos < 0)
        bool swap = (flips & (SignBit >> 1)) != 0;
        uint cosBits = BitConverter.SingleToUInt32Bits(swap ? sinX : cosX) ^ (flips & SignBit);
        uint sinBits = BitConverter.SingleToUInt32Bits(swap ? cosX : sinX) ^ (word & SignBit);
        sine = BitConverter.UInt32BitsToSingle(sinBits);
        return BitConverter.UInt32BitsToSingle(cosBits);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> UnitCircle(Vector256<uint> word, out Vector256<float> sine)
    {
        Vector256<uint> mirror = ((word << 2).AsInt32() >> 31).AsUInt32();
        Vector256<uint> q = ((word >> (32 - 3 - OctantFractionBits)) ^ mirror) & Vector256.Create(OctantFractionMask);
        Vector256<float> x = (Vector256.ConvertToSingle(q.AsInt32()) + Vector256.Create(0.5f)) * AngleStep;
        Vector256<float> x2 = x * x;
        Vector256<float> s = Vector256.Create(S2);
        s = s * x2 + Vector256.Create(S1);
        s = s * x2 + Vector256.Create(S0);
        Vector256<float> sinX = s * x2;
        sinX = sinX * x;
        sinX = sinX + x;
        Vector256<float> c = Vector256.Create(C2);
        c = c * x2 + Vector256.Create(C1);
        c = c * x2 + Vector256.Create(C0);
        Vector256<float> cosX = c * x2;
        cosX = cosX * x2;
        cosX = cosX - x2 * 0.5f;
        cosX = cosX + Vector256<float>.One;

        Vector256<uint> flips = word ^ (word << 1);
        Vector256<float> swap = ((flips << 1).AsInt32() >> 31).AsSingle();
        Vector256<uint> sign = Vector256.Create(SignBit);
        Vector256<uint> cosBits = Vector256.ConditionalSelect(swap, sinX, cosX).AsUInt32() ^ (flips & sign);
        Vector256<uint> sinBits = Vector256.ConditionalSelect(swap, cosX, sinX).AsUInt32() ^ (word & sign);
        sine = sinBits.AsSingle();
        return cosBits.AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> UnitCircle(Vector512<uint> word, out Vector512<float> sine)
    {
        Vector512<uint> mirror = ((word << 2).AsInt32() >> 31).AsUInt32();
        Vector512<uint> q = ((word >> (32 - 3 - OctantFractionBits)) ^ mirror) & Vector512.Create(OctantFractionMask);
        Vector512<float> x = (Vector512.ConvertToSingle(q.AsInt32()) + Vector512.Create(0.5f)) * AngleStep;
        Vector512<float> x2 = x * x;
        Vector512<float> s = Vector512.Create(S2);
        s = s * x2 + Vector512.Create(S1);
        s = s * x2 + Vector512.Create(S0);
        Vector512<float> sinX = s * x2;
        sinX = sinX * x;
        sinX = sinX + x;
        Vector512<float> c = Vector512.Create(C2);
        c = c * x2 + Vector512.Create(C1);
        c = c * x2 + Vector512.Create(C0);
        Vector512<float> cosX = c * x2;
        cosX = cosX * x2;
        cosX = cosX - x2 * 0.5f;
        cosX = cosX + Vector512<float>.One;

        Vector512<uint> flips = word ^ (word << 1);
        Vector512<float> swap = ((flips << 1).AsInt32() >> 31).AsSingle();
        Vector512<uint> sign = Vector512.Create(SignBit);
        Vector512<uint> cosBits = Vector512.ConditionalSelect(swap, sinX, cosX).AsUInt32() ^ (flips & sign);
        Vector512<uint> sinBits = Vector512.ConditionalSelect(swap, cosX, sinX).AsUInt32() ^ (word & sign);
        sine = sinBits.AsSingle();
        return cosBits.AsSingle();
    }
}
