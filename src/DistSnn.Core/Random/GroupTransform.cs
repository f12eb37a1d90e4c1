using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DistSnn.Core.Random;

/// <summary>
/// What the 64 Philox words of one group (<see cref="PhiloxLanes"/> layout: word k of block j at <c>16 k + j</c>)
/// become: uniforms, normals or packed Bernoulli spikes. Uniforms and normals are written in place over the words
/// (a float has the size of its word), so a whole group goes straight into the caller's span.
/// </summary>
internal static class GroupTransform
{
    private const int Blocks = PhiloxLanes.Blocks;
    private const int Words = PhiloxLanes.Words;

    /// <summary>Each word b becomes the float bits of <see cref="NormalTransform.Uniform23(uint)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ToUniform(Span<uint> group, SimdPath path)
    {
        ref uint words = ref MemoryMarshal.GetReference(group[..Words]);
        switch (path)
        {
            case SimdPath.Vector512:
                for (int i = 0; i < Words; i += Vector512<uint>.Count)
                    NormalTransform.Uniform23(Vector512.LoadUnsafe(ref words, (nuint)i)).AsUInt32().StoreUnsafe(ref words, (nuint)i);
                break;
            case SimdPath.Vector256:
                for (int i = 0; i < Words; i += Vector256<uint>.Count)
                    NormalTransform.Uniform23(Vector256.LoadUnsafe(ref words, (nuint)i)).AsUInt32().StoreUnsafe(ref words, (nuint)i);
                break;
            default:
                for (int i = 0; i < Words; i++) group[i] = BitConverter.SingleToUInt32Bits(NormalTransform.Uniform23(group[i]));
                break;
        }
    }

    /// <summary>
    /// The words become the float bits of the group's normals: words <c>(16 k + j, 16 (k + 1) + j)</c>, k = 0 or 2, are
    /// block j's Box-Muller pair and become its cosine and sine normal in the same places.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ToNormal(Span<uint> group, SimdPath path)
    {
        ref uint words = ref MemoryMarshal.GetReference(group[..Words]);
        for (int pair = 0; pair < Words; pair += 2 * Blocks)
        {
            switch (path)
            {
                case SimdPath.Vector512:
                    {
                        var u1 = Vector512.LoadUnsafe(ref words, (nuint)pair);
                        var u2 = Vector512.LoadUnsafe(ref words, (nuint)(pair + Blocks));
                        NormalTransform.CosineSine(u1, u2, out Vector512<float> cosine, out Vector512<float> sine);
                        cosine.AsUInt32().StoreUnsafe(ref words, (nuint)pair);
                        sine.AsUInt32().StoreUnsafe(ref words, (nuint)(pair + Blocks));
                        break;
                    }
                case SimdPath.Vector256:
                    for (int j = 0; j < Blocks; j += Vector256<uint>.Count)
                    {
                        var u1 = Vector256.LoadUnsafe(ref words, (nuint)(pair + j));
                        var u2 = Vector256.LoadUnsafe(ref words, (nuint)(pair + Blocks + j));
                        NormalTransform.CosineSine(u1, u2, out Vector256<float> cosine, out Vector256<float> sine);
                        cosine.AsUInt32().StoreUnsafe(ref words, (nuint)(pair + j));
                        sine.AsUInt32().StoreUnsafe(ref words, (nuint)(pair + Blocks + j));
                    }
                    break;
                default:
                    for (int j = pair; j < pair + Blocks; j++)
                    {
                        NormalTransform.CosineSine(group[j], group[j + Blocks], out float cosine, out float sine);
                        group[j] = BitConverter.SingleToUInt32Bits(cosine);
                        group[j + Blocks] = BitConverter.SingleToUInt32Bits(sine);
                    }
                    break;
            }
        }
    }

    /// <summary>Bit e of the result is set when <c>Uniform23(group[e]) &lt; p[e]</c>, e = 0..63.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ulong SpikeMask(ReadOnlySpan<uint> group, ReadOnlySpan<float> p, SimdPath path)
    {
        ref uint words = ref MemoryMarshal.GetReference(group[..Words]);
        ref float probability = ref MemoryMarshal.GetReference(p[..Words]);
        ulong mask = 0;
        switch (path)
        {
            case SimdPath.Vector512:
                for (int i = 0; i < Words; i += Vector512<uint>.Count)
                {
                    Vector512<float> u = NormalTransform.Uniform23(Vector512.LoadUnsafe(ref words, (nuint)i));
                    mask |= Vector512.LessThan(u, Vector512.LoadUnsafe(ref probability, (nuint)i)).ExtractMostSignificantBits() << i;
                }
                break;
            case SimdPath.Vector256:
                for (int i = 0; i < Words; i += Vector256<uint>.Count)
                {
                    Vector256<float> u = NormalTransform.Uniform23(Vector256.LoadUnsafe(ref words, (nuint)i));
                    mask |= (ulong)Vector256.LessThan(u, Vector256.LoadUnsafe(ref probability, (nuint)i)).ExtractMostSignificantBits() << i;
                }
                break;
            default:
                for (int i = 0; i < Words; i++)
                    if (NormalTransform.Uniform23(group[i]) < p[i]) mask |= 1UL << i;
                break;
        }
        return mask;
    }
}
