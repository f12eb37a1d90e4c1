using System.Runtime.CompilerServices;
using System.Numerics;

namespace DistSnn.Core.Trial;

/// <summary>
/// Spikes of a batch stay packed all the way from encoder to readout: each sample's spike vector of <c>width</c>
/// neurons is <c>WordsFor(width)</c> words, bit <c>i % 64</c> of word <c>i / 64</c> being neuron <c>i</c>; samples
/// follow each other (sample <c>s</c> at words <c>[s W, (s + 1) W)</c>). Bits past the width are 0.
/// </summary>
public static class PackedSpikes
{
    public static int WordsFor(int width) => (width + 63) >> 6;

    /// <summary>Copies bits <c>[from, from + count)</c> of <paramref name="source"/> to bits
    /// <c>[to, to + count)</c> of <paramref name="dest"/>, leaving the other bits of dest as they are.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void CopyBits(ReadOnlySpan<ulong> source, int from, Span<ulong> dest, int to, int count)
    {
        while (count > 0)
        {
            // Never past the end of a destination word.
            int n = Math.Min(count, 64 - (to & 63));
            ulong bits = Read(source, from, n);
            ulong mask = (n == 64 ? ulong.MaxValue : (1UL << n) - 1) << (to & 63);
            ref ulong word = ref dest[to >> 6];
            word = (word & ~mask) | ((bits << (to & 63)) & mask);
            from += n;
            to += n;
            count -= n;
        }
    }

    /// <summary>The <paramref name="n"/> (1..64) bits starting at bit <paramref name="from"/>, in the low bits.</summary>
    private static ulong Read(ReadOnlySpan<ulong> source, int from, int n)
    {
        int word = from >> 6, shift = from & 63;
        ulong bits = source[word] >> shift;
        if (shift != 0 && shift + n > 64) bits |= source[word + 1] << (64 - shift);
        return n == 64 ? bits : bits & ((1UL << n) - 1);
    }

    /// <summary>Copies bit range <c>[from, from + count)</c> of every sample of a batch (source samples
    /// <paramref name="sourceWidth"/> wide) into bit range <c>[to, to + count)</c> of each sample of dest
    /// (<paramref name="destWidth"/> wide).</summary>
    public static void CopyBatch(ReadOnlySpan<ulong> source, int sourceWidth, int from, Span<ulong> dest, int destWidth, int to, int count, int samples)
    {
        int sw = WordsFor(sourceWidth), dw = WordsFor(destWidth);
        for (int s = 0; s < samples; s++)
            CopyBits(source.Slice(s * sw, sw), from, dest.Slice(s * dw, dw), to, count);
    }

    /// <summary>Writes the indices of the set bits of one sample (in increasing order) and returns how many there are.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int SetBits(ReadOnlySpan<ulong> words, Span<int> indices)
    {
        int n = 0;
        for (int w = 0; w < words.Length; w++)
        {
            ulong bits = words[w];
            while (bits != 0)
            {
                indices[n++] = (w << 6) + BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
            }
        }
        return n;
    }

    /// <summary>1 or 0 per neuron: what the oracle and the per-device read path take.</summary>
    /// <summary>The number of set bits (spikes) in <paramref name="words"/>.</summary>
    public static long Count(ReadOnlySpan<ulong> words)
    {
        long n = 0;
        foreach (ulong w in words) n += System.Numerics.BitOperations.PopCount(w);
        return n;
    }

    public static void Unpack(ReadOnlySpan<ulong> words, Span<float> values)
    {
        for (int i = 0; i < values.Length; i++) values[i] = ((words[i >> 6] >> (i & 63)) & 1UL) != 0 ? 1f : 0f;
    }
}
