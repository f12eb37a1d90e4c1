using BenchmarkDotNet.Attributes;
using DistSnn.Core.Random;

namespace DistSnn.Benchmarks;

/// <summary>
/// The counter-based random streams every non-ideality and the encoder draw from. One op = one call; divide the
/// mean by the element count for a per-element cost (4096 normals or words, 784 Bernoulli draws = one image).
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 8)]
[MemoryDiagnoser]
public class RandomBenchmarks
{
    private const int Elements = 4096;

    private RandomStream _stream;
    private float[] _normals = null!;
    private uint[] _bits = null!;
    private float[] _image = null!;
    private ulong[] _packed = null!;

    // Mutable fields, so the JIT cannot fold the Philox rounds of constant inputs.
    private uint _counter, _word1 = 3, _word2 = 5, _tag = 0x6000_0000, _seed = BenchData.Seed, _trial = BenchData.Trial;

    [GlobalSetup]
    public void Setup()
    {
        _stream = DrawKey.Read(BenchData.Seed, BenchData.Trial, RandomScope.ReadColumn, 0, 3, 17, BenchData.Step).Stream();
        _normals = new float[Elements];
        _bits = new uint[Elements];
        _image = BenchData.LoadImages().Sample(0).ToArray();
        _packed = new ulong[(_image.Length + 63) >> 6];
    }

    /// <summary>4096 standard normals (Box-Muller of Philox words).</summary>
    [Benchmark]
    public void FillNormal4096() => _stream.FillNormal(_normals);

    /// <summary>4096 raw 32-bit words.</summary>
    [Benchmark]
    public void FillBits4096() => _stream.FillBits(_bits);

    /// <summary>Rate-encodes one Fashion-MNIST test image: 784 Bernoulli draws, packed into 13 words.</summary>
    [Benchmark]
    public void FillBernoulli784() => _stream.FillBernoulli(_image, _packed);

    /// <summary>One scalar Philox4x32-10 block (10 rounds, 4 output words); the counter moves every call.</summary>
    [Benchmark]
    public uint PhiloxBlock()
    {
        var (a, b, c, d) = Philox4x32.Block(_counter++, _word1, _word2, _tag, _seed, _trial);
        return a ^ b ^ c ^ d;
    }
}
