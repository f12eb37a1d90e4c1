namespace DistSnn.Core.Training;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014): a tiny 64-bit generator written out here so that training is
/// reproducible bit for bit, whatever algorithm the runtime's <see cref="System.Random"/> uses.
/// </summary>
internal sealed class SplitMix64
{
    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, bound); the multiply-high keeps it free of division and its bias is below 2^-32.</summary>
    public int NextInt(int bound)
    {
        if (bound < 1) throw new ArgumentOutOfRangeException(nameof(bound));
        return (int)(((NextUInt64() >> 32) * (ulong)bound) >> 32);
    }

    /// <summary>Fisher-Yates shuffle driven by this generator.</summary>
    public void Shuffle(int[] items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
