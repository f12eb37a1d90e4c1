using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DistSnn.Core.Random;

/// <summary>
/// The draws of one <see cref="DrawKey"/>: an indexable sequence of 32-bit words, uniforms and standard normals.
/// Element <c>e</c> is a pure function of (key, e), whatever span it is filled into, so no result depends on how
/// a caller cuts its work.
/// <para>Layout (chosen so that 16 Philox blocks fill 64 consecutive elements with whole-vector stores): group
/// <c>g = e / 64</c> uses the 16 Philox4x32-10 blocks with counter word 0 = <c>16 g + j</c>, j = 0..15; element
/// <c>e = 64 g + 16 k + j</c> is output word <c>k</c> of block <c>j</c>. Normals are Box-Muller pairs: words 0 and 1
/// of block j give the cosine normal at k = 0 and the sine normal at k = 1, words 2 and 3 those at k = 2 and 3.</para>
/// <para><see cref="Bits"/> and <see cref="Normal"/> are the definition, one element at a time; the fills compute
/// whole groups on the widest vector path the CPU has (<see cref="PhiloxLanes"/>, <see cref="GroupTransform"/>) and
/// give the same bits on every path. They never allocate.</para>
/// </summary>
public readonly struct RandomStream
{
    private readonly uint _seed, _trial, _word1, _word2, _tag;

    public RandomStream(in DrawKey key)
    {
        _seed = key.Seed;
        _trial = (uint)key.Trial;
        _word1 = key.Word1;
        _word2 = key.Word2;
        _tag = key.Tag;
    }

    /// <summary>Raw 32-bit words for elements <c>first .. first + dest.Length - 1</c>.</summary>
    public void FillBits(Span<uint> dest, long first = 0) => FillBits(dest, first, SimdPaths.Best);

    /// <summary>Uniforms in (0, 1) from the top 23 bits of each word: <see cref="NormalTransform.Uniform23(uint)"/>, <c>((b >> 9) + 0.5) 2^-23</c>.</summary>
    public void FillUniform(Span<float> dest, long first = 0) => FillUniform(dest, first, SimdPaths.Best);

    /// <summary>Standard normals (float) for elements <c>first .. first + dest.Length - 1</c>.</summary>
    public void FillNormal(Span<float> dest, long first = 0) => FillNormal(dest, first, SimdPaths.Best);

    /// <summary>
    /// Rate-encoder spikes: element i (i = 0 .. p.Length - 1) spikes when <c>Uniform23(Bits(i)) &lt; p[i]</c>, which
    /// is bit <c>i % 64</c> of <c>packed[i / 64]</c>; one word is one group, and the last word's unused high bits are 0.
    /// Writes the first <c>ceil(p.Length / 64)</c> words of <paramref name="packed"/>.
    /// </summary>
    public void FillBernoulli(ReadOnlySpan<float> p, Span<ulong> packed) => FillBernoulli(p, packed, SimdPaths.Best);

    internal void FillBits(Span<uint> dest, long first, SimdPath path) => Fill(dest, first, Output.Bits, path);

    internal void FillUniform(Span<float> dest, long first, SimdPath path) =>
        Fill(MemoryMarshal.Cast<float, uint>(dest), first, Output.Uniform, path);

    internal void FillNormal(Span<float> dest, long first, SimdPath path) =>
        Fill(MemoryMarshal.Cast<float, uint>(dest), first, Output.Normal, path);

    internal void FillBernoulli(ReadOnlySpan<float> p, Span<ulong> packed, SimdPath path)
    {
        int words = (int)(((long)p.Length + PhiloxLanes.Words - 1) / PhiloxLanes.Words);
        if (packed.Length < words) throw new ArgumentException($"{p.Length} elements need {words} packed words", nameof(packed));
        SimdPaths.Require(path);
        Span<uint> group = stackalloc uint[PhiloxLanes.Words];
        Span<float> lastP = stackalloc float[PhiloxLanes.Words];   // zeros past the end: u > 0 never spikes
        for (int w = 0; w < words; w++)
        {
            int start = w * PhiloxLanes.Words;
            scoped ReadOnlySpan<float> groupP = p[start..];
            if (groupP.Length < PhiloxLanes.Words)
            {
                groupP.CopyTo(lastP);
                groupP = lastP;
            }
            Group(w, group, path);
            packed[w] = GroupTransform.SpikeMask(group, groupP, path);
        }
    }

    public uint Bits(long element)
    {
        var (block, word) = Place(element);
        var (a, b, c, d) = Philox4x32.Block(block, _word1, _word2, _tag, _seed, _trial);
        return word switch { 0 => a, 1 => b, 2 => c, _ => d };
    }

    public float Normal(long element)
    {
        var (block, word) = Place(element);
        var (a, b, c, d) = Philox4x32.Block(block, _word1, _word2, _tag, _seed, _trial);
        return word switch
        {
            0 => NormalTransform.Cosine(a, b),
            1 => NormalTransform.Sine(a, b),
            2 => NormalTransform.Cosine(c, d),
            _ => NormalTransform.Sine(c, d),
        };
    }

    private enum Output { Bits, Uniform, Normal }

    /// <summary>
    /// Elements <c>first .. first + dest.Length - 1</c> group by group: a whole group is computed in place in
    /// <paramref name="dest"/>, a cut first or last group in a stack buffer of which the wanted part is copied.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Fill(Span<uint> dest, long first, Output output, SimdPath path)
    {
        if (first < 0) throw new ArgumentOutOfRangeException(nameof(first));
        SimdPaths.Require(path);
        Span<uint> buffer = stackalloc uint[PhiloxLanes.Words];
        long group = first / PhiloxLanes.Words;
        int skip = (int)(first % PhiloxLanes.Words);
        int done = 0;
        while (done < dest.Length)
        {
            int take = Math.Min(PhiloxLanes.Words - skip, dest.Length - done);
            Span<uint> target = take == PhiloxLanes.Words ? dest.Slice(done, PhiloxLanes.Words) : buffer;
            Group(group, target, path);
            if (output == Output.Uniform) GroupTransform.ToUniform(target, path);
            else if (output == Output.Normal) GroupTransform.ToNormal(target, path);
            if (take != PhiloxLanes.Words) buffer.Slice(skip, take).CopyTo(dest[done..]);
            done += take;
            skip = 0;
            group++;
        }
    }

    /// <summary>The 64 words of group <paramref name="group"/> in <see cref="PhiloxLanes"/> layout.</summary>
    private void Group(long group, Span<uint> words, SimdPath path) =>
        PhiloxLanes.Group(path, (uint)(group * PhiloxLanes.Blocks), _word1, _word2, _tag, _seed, _trial, words);

    /// <summary>Philox counter word 0 and output word of element <paramref name="element"/>.</summary>
    private static (uint Block, int Word) Place(long element)
    {
        if (element < 0) throw new ArgumentOutOfRangeException(nameof(element));
        long group = element >> 6;
        int within = (int)(element & 63);
        return ((uint)(group * 16 + (within & 15)), within >> 4);
    }
}
