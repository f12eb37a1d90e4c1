using DistSnn.Core.Random;
using Xunit.Abstractions;

namespace DistSnn.Core.Tests.Random;

/// <summary>The fast fills against the one-element definition (<see cref="RandomStream.Bits"/>, <see cref="RandomStream.Normal"/>), bit for bit.</summary>
public class RandomStreamFillTests(ITestOutputHelper output)
{
    private static readonly DrawKey[] Keys =
    [
        DrawKey.Read(7, 3, RandomScope.ReadDevice, 1, 5, 42, 9),
        DrawKey.Read(0xFFFFFFFF, int.MaxValue, RandomScope.ReadColumn, 255, 0xFFFFF, int.MaxValue, int.MaxValue),
        DrawKey.Read(0, 0, RandomScope.Neuron, 0, 0, 0, 0),
        DrawKey.Read(123456789, 17, RandomScope.Encoder, 0, 0, 60_000, 24),
        DrawKey.Chip(2024, 5, RandomScope.Programming, 3, 77, cycle: 2),
        DrawKey.Chip(99, 0, RandomScope.Fabrication, 12, 4095),
    ];

    private static uint BitsOf(float x) => BitConverter.SingleToUInt32Bits(x);

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    [InlineData(64)]
    [InlineData(100)]
    public void Fills_equal_the_definition_for_any_start_and_length(long first)
    {
        var stream = Keys[0].Stream();
        foreach (int length in new[] { 1, 37, 64, 200 })
        {
            var bits = new uint[length];
            var uniforms = new float[length];
            var normals = new float[length];
            stream.FillBits(bits, first);
            stream.FillUniform(uniforms, first);
            stream.FillNormal(normals, first);
            for (int i = 0; i < length; i++)
            {
                Assert.Equal(stream.Bits(first + i), bits[i]);
                Assert.Equal(BitsOf(NormalTransform.Uniform23(stream.Bits(first + i))), BitsOf(uniforms[i]));
                Assert.Equal(BitsOf(stream.Normal(first + i)), BitsOf(normals[i]));
            }
        }
    }

    [Fact]
    public void An_empty_fill_writes_nothing_and_a_negative_start_is_refused()
    {
        var stream = Keys[0].Stream();
        stream.FillNormal([], 5);
        stream.FillBernoulli([], []);
        Assert.Throws<ArgumentOutOfRangeException>(() => stream.FillBits(new uint[3], -1));
        Assert.Throws<ArgumentException>(() => stream.FillBernoulli(new float[65], new ulong[1]));
    }

    [Theory]
    [InlineData(nameof(SimdPath.Scalar))]
    [InlineData(nameof(SimdPath.Vector256))]
    [InlineData(nameof(SimdPath.Vector512))]
    public void Every_path_gives_the_definitions_bits(string pathName)
    {
        var path = Enum.Parse<SimdPath>(pathName);
        if (!SimdPaths.IsSupported(path))
        {
            output.WriteLine($"SKIPPED: the {path} path needs instructions this CPU or runtime setting lacks (best here: {SimdPaths.Best})");
            return;
        }
        output.WriteLine($"testing {path} (best here: {SimdPaths.Best})");

        const int groups = 500;   // per key, 6 keys: 3000 groups of each output
        var bits = new uint[groups * 64];
        var uniforms = new float[bits.Length];
        var normals = new float[bits.Length];
        // Starts cut groups at both ends; the last one's counters wrap around 2^32 (16 g >= 2^32).
        long[] starts = [0, 64 * 12345 + 5, (1L << 34) - 64 * 100 - 3];
        for (int k = 0; k < Keys.Length; k++)
        {
            var stream = Keys[k].Stream();
            long first = starts[k % starts.Length];
            stream.FillBits(bits, first, path);
            stream.FillUniform(uniforms, first, path);
            stream.FillNormal(normals, first, path);
            for (int i = 0; i < bits.Length; i++)
            {
                uint word = stream.Bits(first + i);
                if (word != bits[i]) Assert.Fail($"{path} bits differ at key {k}, element {first + i}");
                if (BitsOf(NormalTransform.Uniform23(word)) != BitsOf(uniforms[i])) Assert.Fail($"{path} uniforms differ at key {k}, element {first + i}");
                if (BitsOf(stream.Normal(first + i)) != BitsOf(normals[i])) Assert.Fail($"{path} normals differ at key {k}, element {first + i}");
            }

            float[] p = Probabilities(stream, groups * 64 - 17, seed: k);
            var packed = new ulong[groups];
            Array.Fill(packed, ulong.MaxValue);
            stream.FillBernoulli(p, packed, path);
            AssertBernoulliDefinition(stream, p, packed);
        }
    }

    [Fact]
    public void Bernoulli_spikes_exactly_when_the_uniform_is_below_p()
    {
        var stream = Keys[3].Stream();
        float[] p = Probabilities(stream, 784, seed: 1);
        var packed = new ulong[13];
        stream.FillBernoulli(p, packed);
        AssertBernoulliDefinition(stream, p, packed);
        Assert.Equal(0UL, packed[12] >> (784 - 12 * 64));   // the last word's unused bits
    }

    /// <summary>Probabilities in [0, 1], with 0, 1 and each element's own uniform (no spike) and the float above it (spike) mixed in.</summary>
    private static float[] Probabilities(RandomStream stream, int length, int seed)
    {
        var random = new System.Random(seed);
        var p = new float[length];
        for (int i = 0; i < length; i++)
        {
            float u = NormalTransform.Uniform23(stream.Bits(i));
            p[i] = random.Next(6) switch
            {
                0 => 0f,
                1 => 1f,
                2 => u,
                3 => MathF.BitIncrement(u),
                _ => random.NextSingle(),
            };
        }
        return p;
    }

    private static void AssertBernoulliDefinition(RandomStream stream, float[] p, ulong[] packed)
    {
        int words = (p.Length + 63) / 64;
        for (int i = 0; i < words * 64; i++)
        {
            bool expected = i < p.Length && NormalTransform.Uniform23(stream.Bits(i)) < p[i];
            bool actual = (packed[i / 64] >> (i % 64) & 1) != 0;
            if (expected != actual) Assert.Fail($"spike {i}: expected {expected}");
        }
    }

    [Fact]
    public void Fills_do_not_allocate_on_any_path()
    {
        var stream = Keys[1].Stream();
        var bits = new uint[1000];
        var floats = new float[1000];
        var p = new float[784];
        Array.Fill(p, 0.3f);
        var packed = new ulong[13];
        foreach (SimdPath path in Enum.GetValues<SimdPath>().Where(SimdPaths.IsSupported))
        {
            void FillAll()
            {
                stream.FillBits(bits, 3, path);
                stream.FillUniform(floats, 70, path);
                stream.FillNormal(floats, 129, path);
                stream.FillBernoulli(p, packed, path);
                stream.FillNormal(floats);
                stream.FillBernoulli(p, packed);
            }
            FillAll();   // compile first
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 20; i++) FillAll();
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }
}
