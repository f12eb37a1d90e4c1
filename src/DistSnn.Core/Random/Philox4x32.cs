using System.Runtime.CompilerServices;

namespace DistSnn.Core.Random;

/// <summary>
/// Philox4x32-10 (Salmon et al., SC'11): a counter-based generator. Output is a pure function of a 128-bit
/// counter and a 64-bit key, so any draw can be computed on any thread or node in any order.
/// </summary>
public static class Philox4x32
{
    internal const uint M0 = 0xD2511F53, M1 = 0xCD9E8D57;
    internal const uint W0 = 0x9E3779B9, W1 = 0xBB67AE85;

    /// <summary>Encrypts counter <c>(c0..c3)</c> with key <c>(k0, k1)</c>: four independent uniform 32-bit words.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (uint, uint, uint, uint) Block(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1)
    {
        for (int round = 0; round < 10; round++)
        {
            if (round > 0)
            {
                k0 += W0;
                k1 += W1;
            }
            ulong p0 = (ulong)M0 * c0;
            ulong p1 = (ulong)M1 * c2;
            uint n0 = (uint)(p1 >> 32) ^ c1 ^ k0;
            uint n1 = (uint)p1;
            uint n2 = (uint)(p0 >> 32) ^ c3 ^ k1;
            uint n3 = (uint)p0;
            c0 = n0;
            c1 = n1;
            c2 = n2;
            c3 = n3;
        }
        return (c0, c1, c2, c3);
    }
}
