using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DistSnn.Core.Random;

/// <summary>
/// Philox4x32-10 on one group of 16 consecutive counters at a time, 8 (Vector512) or 4 (Vector256) blocks per
/// instruction: block j has counter <c>(first + j, c1, c2, c3)</c>, and output word k of block j goes to
/// <c>out[16 k + j]</c>, so word k of all 16 blocks is one Vector512 (or two Vector256) store. Integer arithmetic only: every path is
/// bit-identical to <see cref="Philox4x32.Block"/>.
/// <para>Each round needs the full 64-bit products <c>M0 c0</c> and <c>M1 c2</c>; the x86 32x32->64 multiply
/// (<c>vpmuludq</c>) reads the even 32-bit lanes only. So the state is held one block per 64-bit lane, even blocks
/// in one vector and odd blocks in another: each product is then one multiply and its high word one shift, with no
/// shuffling inside the rounds; the two halves are interleaved back into lane order once, at the store. Several
/// independent chains (2 in Vector512, 4 in Vector256) hide the multiplier's latency.</para>
/// </summary>
internal static class PhiloxLanes
{
    public const int Blocks = 16;
    public const int Words = 4 * Blocks;
    private const int Rounds = 10;

    /// <summary>The 64 words of the 16 blocks with counter word 0 = <c>first .. first + 15</c> (mod 2^32).</summary>
    public static void Group(SimdPath path, uint first, uint c1, uint c2, uint c3, uint k0, uint k1, Span<uint> output)
    {
        if (output.Length < Words) throw new ArgumentException($"a group needs {Words} words", nameof(output));
        ref uint dest = ref MemoryMarshal.GetReference(output);
        switch (path)
        {
            case SimdPath.Vector512 when Avx512F.IsSupported:
                Group512(first, c1, c2, c3, k0, k1, ref dest);
                break;
            case SimdPath.Vector256 when Avx2.IsSupported:
                Group256(first, c1, c2, c3, k0, k1, ref dest);
                break;
            case SimdPath.Scalar:
                GroupScalar(first, c1, c2, c3, k0, k1, output);
                break;
            default:
                SimdPaths.Require(path);
                throw new ArgumentOutOfRangeException(nameof(path));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GroupScalar(uint first, uint c1, uint c2, uint c3, uint k0, uint k1, Span<uint> output)
    {
        for (int j = 0; j < Blocks; j++)
        {
            var (a, b, c, d) = Philox4x32.Block(first + (uint)j, c1, c2, c3, k0, k1);
            output[j] = a;
            output[Blocks + j] = b;
            output[2 * Blocks + j] = c;
            output[3 * Blocks + j] = d;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Group512(uint first, uint c1, uint c2, uint c3, uint k0, uint k1, ref uint dest)
    {
        // Even blocks 0, 2, .., 14 in e*, odd blocks 1, 3, .., 15 in o*: two independent chains.
        Vector512<ulong> e0 = Vector512.Create((ulong)first) + Vector512<ulong>.Indices * 2;
        Vector512<ulong> o0 = e0 + Vector512<ulong>.One;
        Vector512<ulong> e1 = Vector512.Create((ulong)c1), e2 = Vector512.Create((ulong)c2), e3 = Vector512.Create((ulong)c3);
        Vector512<ulong> o1 = e1, o2 = e2, o3 = e3;
        Vector512<uint> m0 = Vector512.Create((ulong)Philox4x32.M0).AsUInt32(), m1 = Vector512.Create((ulong)Philox4x32.M1).AsUInt32();
        for (int round = 0; round < Rounds; round++)
        {
            Vector512<ulong> key0 = Vector512.Create((ulong)k0), key1 = Vector512.Create((ulong)k1);
            Round(ref e0, ref e1, ref e2, ref e3, m0, m1, key0, key1);
            Round(ref o0, ref o1, ref o2, ref o3, m0, m1, key0, key1);
            k0 += Philox4x32.W0;
            k1 += Philox4x32.W1;
        }
        Interleave(e0, o0).StoreUnsafe(ref dest, 0);
        Interleave(e1, o1).StoreUnsafe(ref dest, Blocks);
        Interleave(e2, o2).StoreUnsafe(ref dest, 2 * Blocks);
        Interleave(e3, o3).StoreUnsafe(ref dest, 3 * Blocks);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Group256(uint first, uint c1, uint c2, uint c3, uint k0, uint k1, ref uint dest)
    {
        // Four blocks per vector, four independent chains: even and odd blocks of 0..7 (e*, o*) and of 8..15 (f*, p*).
        Vector256<ulong> e0 = Vector256.Create((ulong)first) + Vector256<ulong>.Indices * 2;
        Vector256<ulong> o0 = e0 + Vector256<ulong>.One;
        Vector256<ulong> f0 = e0 + Vector256.Create((ulong)Blocks / 2), p0 = o0 + Vector256.Create((ulong)Blocks / 2);
        Vector256<ulong> e1 = Vector256.Create((ulong)c1), e2 = Vector256.Create((ulong)c2), e3 = Vector256.Create((ulong)c3);
        Vector256<ulong> o1 = e1, o2 = e2, o3 = e3, f1 = e1, f2 = e2, f3 = e3, p1 = e1, p2 = e2, p3 = e3;
        Vector256<uint> m0 = Vector256.Create((ulong)Philox4x32.M0).AsUInt32(), m1 = Vector256.Create((ulong)Philox4x32.M1).AsUInt32();
        for (int round = 0; round < Rounds; round++)
        {
            Vector256<ulong> key0 = Vector256.Create((ulong)k0), key1 = Vector256.Create((ulong)k1);
            Round(ref e0, ref e1, ref e2, ref e3, m0, m1, key0, key1);
            Round(ref o0, ref o1, ref o2, ref o3, m0, m1, key0, key1);
            Round(ref f0, ref f1, ref f2, ref f3, m0, m1, key0, key1);
            Round(ref p0, ref p1, ref p2, ref p3, m0, m1, key0, key1);
            k0 += Philox4x32.W0;
            k1 += Philox4x32.W1;
        }
        const int half = Blocks / 2;
        Interleave(e0, o0).StoreUnsafe(ref dest, 0);
        Interleave(f0, p0).StoreUnsafe(ref dest, half);
        Interleave(e1, o1).StoreUnsafe(ref dest, Blocks);
        Interleave(f1, p1).StoreUnsafe(ref dest, Blocks + half);
        Interleave(e2, o2).StoreUnsafe(ref dest, 2 * Blocks);
        Interleave(f2, p2).StoreUnsafe(ref dest, 2 * Blocks + half);
        Interleave(e3, o3).StoreUnsafe(ref dest, 3 * Blocks);
        Interleave(f3, p3).StoreUnsafe(ref dest, 3 * Blocks + half);
    }

    /// <summary>
    /// One Philox round on a chain of blocks held one per 64-bit lane (in its low half):
    /// <c>(c0, c1, c2, c3) -> (hi(M1 c2) ^ c1 ^ k0, lo(M1 c2), hi(M0 c0) ^ c3 ^ k1, lo(M0 c0))</c>.
    /// vpmuludq reads only the low halves, so the high halves may hold leftovers (the high word of a product).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(ref Vector512<ulong> c0, ref Vector512<ulong> c1, ref Vector512<ulong> c2, ref Vector512<ulong> c3,
        Vector512<uint> m0, Vector512<uint> m1, Vector512<ulong> k0, Vector512<ulong> k1)
    {
        Vector512<ulong> p0 = Avx512F.Multiply(c0.AsUInt32(), m0);
        Vector512<ulong> p1 = Avx512F.Multiply(c2.AsUInt32(), m1);
        c0 = (p1 >> 32) ^ c1 ^ k0;
        c1 = p1;
        c2 = (p0 >> 32) ^ c3 ^ k1;
        c3 = p0;
    }

    /// <inheritdoc cref="Round(ref Vector512{ulong}, ref Vector512{ulong}, ref Vector512{ulong}, ref Vector512{ulong}, Vector512{uint}, Vector512{uint}, Vector512{ulong}, Vector512{ulong})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(ref Vector256<ulong> c0, ref Vector256<ulong> c1, ref Vector256<ulong> c2, ref Vector256<ulong> c3,
        Vector256<uint> m0, Vector256<uint> m1, Vector256<ulong> k0, Vector256<ulong> k1)
    {
        Vector256<ulong> p0 = Avx2.Multiply(c0.AsUInt32(), m0);
        Vector256<ulong> p1 = Avx2.Multiply(c2.AsUInt32(), m1);
        c0 = (p1 >> 32) ^ c1 ^ k0;
        c1 = p1;
        c2 = (p0 >> 32) ^ c3 ^ k1;
        c3 = p0;
    }

    /// <summary>The low halves of <paramref name="even"/> and <paramref name="odd"/> in lane order: even[0], odd[0], even[1], ...</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> Interleave(Vector512<ulong> even, Vector512<ulong> odd) =>
        Vector512.ConditionalSelect(Vector512.Create(0xFFFFFFFF_00000000UL), odd << 32, even).AsUInt32();

    /// <inheritdoc cref="Interleave(Vector512{ulong}, Vector512{ulong})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<uint> Interleave(Vector256<ulong> even, Vector256<ulong> odd) =>
        Vector256.ConditionalSelect(Vector256.Create(0xFFFFFFFF_00000000UL), odd << 32, even).AsUInt32();
}
