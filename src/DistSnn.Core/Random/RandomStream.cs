namespace DistSnn.Core.Random;

/// <summary>
/// The draws of one <see cref="DrawKey"/>: an indexable sequence of 32-bit words, uniforms and standard normals.
/// Element <c>e</c> is a pure function of (key, e), whatever span it is filled into, so no result depends on how
/// a caller cuts its work.
/// <para>Layout (chosen so that 16 Philox blocks fill 64 consecutive elements with whole-vector stores): group
/// <c>g = e / 64</c> uses the 16 Philox4x32-10 blocks with counter word 0 = <c>16 g + j</c>, j = 0..15; element
/// <c>e = 64 g + 16 k + j</c> is output word <c>k</c> of block <c>j</c>. Normals are Box-Muller pairs: words 0 and 1
/// of block j give the cosine normal at k = 0 and the sine normal at k = 1, words 2 and 3 those at k = 2 and 3.</para>
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
    public void FillBits(Span<uint> dest, long first = 0)
    {
        for (int i = 0; i < dest.Length; i++) dest[i] = Bits(first + i);
    }

    /// <summary>Uniforms in the open interval (0, 1) from the top 24 bits of each word: <c>(b >> 8) + 0.5) 2^-24</c>, exact in float.</summary>
    public void FillUniform(Span<float> dest, long first = 0)
    {
        for (int i = 0; i < dest.Length; i++) dest[i] = NormalTransform.Uniform24(Bits(first + i));
    }

    /// <summary>Standard normals (float) for elements <c>first .. first + dest.Length - 1</c>.</summary>
    public void FillNormal(Span<float> dest, long first = 0)
    {
        for (int i = 0; i < dest.Length; i++) dest[i] = Normal(first + i);
    }

    /// <summary>Bernoulli bits: element i (from 0) is set when <c>Uniform24(Bits(i)) &lt; p[i]</c>; packed 64 to a word.</summary>
    public void FillBernoulli(ReadOnlySpan<float> p, Span<ulong> packed)
    {
        packed[..((p.Length + 63) >> 6)].Clear();
        for (int i = 0; i < p.Length; i++)
            if (NormalTransform.Uniform24(Bits(i)) < p[i]) packed[i >> 6] |= 1UL << (i & 63);
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

    /// <summary>Philox counter word 0 and output word of element <paramref name="element"/>.</summary>
    private static (uint Block, int Word) Place(long element)
    {
        if (element < 0) throw new ArgumentOutOfRangeException(nameof(element));
        long group = element >> 6;
        int within = (int)(element & 63);
        return ((uint)(group * 16 + (within & 15)), within >> 4);
    }
}
