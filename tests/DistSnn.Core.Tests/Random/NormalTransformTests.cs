using System.Runtime.Intrinsics;
using DistSnn.Core.Random;

namespace DistSnn.Core.Tests.Random;

public class NormalTransformTests
{
    private static uint BitsOf(float x) => BitConverter.SingleToUInt32Bits(x);

    /// <summary>Words where the construction changes branch or the octant changes, and their neighbours.</summary>
    private static uint[] EdgeWords()
    {
        var words = new List<uint> { 0, 1, 2, 255, 256, (1u << 23) - 1, 1u << 23, (1u << 24) - 1, 1u << 24, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF };
        foreach (uint w in new uint[] { 3037000500 })   // u1 = (b + 0.5) 2^-32 crosses sqrt(1/2)
            words.AddRange([w - 1, w, w + 1]);
        for (uint octant = 0; octant < 8; octant++)
        {
            uint start = octant << 29;
            words.AddRange([start, start + 63, start + 64, start | 0x1FFFFFFF, (start | 0x1FFFFFFF) - 64]);
        }
        return words.Distinct().ToArray();
    }

    private static uint[] RandomWords(int count, uint seed)
    {
        var words = new uint[count];
        DrawKey.Read(seed, 0, RandomScope.ReadColumn, 0, 0, 0, 0).Stream().FillBits(words);
        return words;
    }

    [Fact]
    public void Vector_versions_give_the_scalar_bits()
    {
        // Edge words against each other, then random pairs. Works on any CPU: where Vector256/512 are not accelerated
        // the software fallback must give the same bits too.
        uint[] edges = EdgeWords();
        var u1 = new List<uint>();
        var u2 = new List<uint>();
        foreach (uint a in edges)
            foreach (uint b in edges)
            {
                u1.Add(a);
                u2.Add(b);
            }
        u1.AddRange(RandomWords(1 << 16, 1));
        u2.AddRange(RandomWords(1 << 16, 2));
        while (u1.Count % 16 != 0)
        {
            u1.Add(0);
            u2.Add(0);
        }

        var cos = new float[16];
        var sin = new float[16];
        for (int i = 0; i < u1.Count; i += 16)
        {
            var a = u1.GetRange(i, 16).ToArray();
            var b = u2.GetRange(i, 16).ToArray();
            NormalTransform.CosineSine(Vector512.Create(a), Vector512.Create(b), out var c512, out var s512);
            NormalTransform.CosineSine(Vector256.Create(a.AsSpan(0, 8)), Vector256.Create(b.AsSpan(0, 8)), out var cLow, out var sLow);
            NormalTransform.CosineSine(Vector256.Create(a.AsSpan(8)), Vector256.Create(b.AsSpan(8)), out var cHigh, out var sHigh);
            Vector512<float> uniforms = NormalTransform.Uniform23(Vector512.Create(a));
            for (int j = 0; j < 16; j++)
            {
                NormalTransform.CosineSine(a[j], b[j], out float c, out float s);
                Assert.Equal(BitsOf(NormalTransform.Cosine(a[j], b[j])), BitsOf(c));
                Assert.Equal(BitsOf(NormalTransform.Sine(a[j], b[j])), BitsOf(s));
                Assert.Equal(BitsOf(c), BitsOf(c512[j]));
                Assert.Equal(BitsOf(s), BitsOf(s512[j]));
                Assert.Equal(BitsOf(c), BitsOf(j < 8 ? cLow[j] : cHigh[j - 8]));
                Assert.Equal(BitsOf(s), BitsOf(j < 8 ? sLow[j] : sHigh[j - 8]));
                Assert.Equal(BitsOf(NormalTransform.Uniform23(a[j])), BitsOf(uniforms[j]));
                Assert.Equal(BitsOf(NormalTransform.Uniform23(a[j])), BitsOf(NormalTransform.Uniform23(Vector256.Create(a[j]))[0]));
            }
        }
    }

    /// <summary>The definition the float code approximates, in double: u1 = (b1 + 0.5) 2^-32, u2 = (floor(b2 / 64) + 0.5) 2^-26.</summary>
    private static (double Cos, double Sin) Reference(uint b1, uint b2)
    {
        double r = Math.Sqrt(-2 * Math.Log((b1 + 0.5) / 4294967296.0));
        double theta = 2 * Math.PI * ((b2 >> 6) + 0.5) / 67108864.0;
        return (r * Math.Cos(theta), r * Math.Sin(theta));
    }

    [Fact]
    public void Normals_are_within_the_documented_bound_of_double_precision_Box_Muller()
    {
        // The class comment's bound: |z - z_double| <= 1e-6 (measured at most 8.4e-7 over all angles at the largest radius).
        uint[] a = RandomWords(1 << 20, 3), b = RandomWords(1 << 20, 4);
        uint[] edges = EdgeWords();
        double worst = 0;
        void Check(uint b1, uint b2)
        {
            NormalTransform.CosineSine(b1, b2, out float c, out float s);
            var (rc, rs) = Reference(b1, b2);
            worst = Math.Max(worst, Math.Max(Math.Abs(c - rc), Math.Abs(s - rs)));
        }
        for (int i = 0; i < a.Length; i++) Check(a[i], b[i]);
        foreach (uint b1 in edges)
            foreach (uint b2 in edges) Check(b1, b2);
        for (uint b2 = 0; b2 < 1u << 20; b2++) Check(0, b2 << 12);   // the largest radius all round the circle
        Assert.InRange(worst, 0, 1e-6);
    }

    [Fact]
    public void The_radius_reaches_from_the_smallest_to_the_largest_word()
    {
        // u2 = 0: cos(2 pi 2^-27) rounds to 1, so the cosine normal is the radius itself.
        Assert.Equal(Math.Sqrt(66 * Math.Log(2)), NormalTransform.Cosine(0, 0), 5e-7);                 // u1 = 2^-33: 6.7637
        const double eps = 0.5 / 4294967296.0;   // u1 = 1 - 2^-33: -ln u1 = eps + eps^2 / 2 + ...
        Assert.Equal(Math.Sqrt(2 * (eps + eps * eps / 2)), NormalTransform.Cosine(0xFFFFFFFF, 0), 1e-12);   // 1.526e-5
        Assert.True(NormalTransform.Cosine(0xFFFFFFFF, 0) > 0);
        Assert.Equal(0f, NormalTransform.Sine(12345, 0), 1e-6);
    }

    [Fact]
    public void Uniform23_is_the_top_23_bits_plus_a_half_exactly()
    {
        Assert.Equal(0.5f / 8388608, NormalTransform.Uniform23(0));
        Assert.Equal(0.5f / 8388608, NormalTransform.Uniform23(0x1FF));
        Assert.Equal(1.5f / 8388608, NormalTransform.Uniform23(0x200));
        Assert.Equal(0.5f - 0.5f / 8388608, NormalTransform.Uniform23(0x7FFFFFFF));
        Assert.Equal(0.5f + 0.5f / 8388608, NormalTransform.Uniform23(0x80000000));
        // The largest word stays below 1: exact in float, so p = 1 always spikes.
        Assert.Equal(1f - 0.5f / 8388608, NormalTransform.Uniform23(0xFFFFFFFF));
        Assert.True(NormalTransform.Uniform23(0xFFFFFFFF) < 1f);
    }
}
