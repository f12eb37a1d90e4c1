using System.Runtime.InteropServices;
using DistSnn.Core.Random;

namespace DistSnn.Core.Tests.Random;

/// <summary>
/// Pins the draws to fixed bits, so that any CPU, runtime setting (DOTNET_EnableHWIntrinsic=0, ...) or later change
/// that alters a single bit of the definition fails here, not silently in a study's results.
/// </summary>
public class KnownValueTests
{
    private static ulong Fnv1a(ReadOnlySpan<uint> words)
    {
        ulong hash = 0xCBF29CE484222325;
        foreach (uint w in words) hash = (hash ^ w) * 0x100000001B3;
        return hash;
    }

    [Fact]
    public void Draws_have_their_recorded_bits()
    {
        var stream = DrawKey.Read(42, 1, RandomScope.ReadDevice, 2, 3, 4, 5).Stream();
        const int n = 1 << 16;
        var bits = new uint[n];
        var floats = new float[n];
        var p = new float[n - 5];
        for (int i = 0; i < p.Length; i++) p[i] = (i % 101) / 100f;
        var packed = new ulong[(p.Length + 63) / 64];

        // FNV-1a over the bits of 65536 draws from element 7 (cut groups at both ends), and of the spikes.
        stream.FillBits(bits, 7);
        Assert.Equal(0xA3F7A7F9F9C7B084UL, Fnv1a(bits));
        stream.FillUniform(floats, 7);
        Assert.Equal(0xE5DF0C82B0123203UL, Fnv1a(MemoryMarshal.Cast<float, uint>(floats)));
        stream.FillNormal(floats, 7);
        Assert.Equal(0xAA331DA68718E8A6UL, Fnv1a(MemoryMarshal.Cast<float, uint>(floats)));
        stream.FillBernoulli(p, packed);
        Assert.Equal(0x072868FB4A4A82C2UL, Fnv1a(MemoryMarshal.Cast<ulong, uint>(packed)));
        Assert.Equal(0x3FCF8620u, BitConverter.SingleToUInt32Bits(stream.Normal(0)));   // 1.6212807
        Assert.Equal(0xBF018CEFu, BitConverter.SingleToUInt32Bits(stream.Normal(1)));   // -0.5060567
    }
}
