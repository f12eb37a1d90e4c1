namespace DistSnn.Core.Snn;

/// <summary>Spike vectors (1 or 0 per neuron) packed 64 to a word: bit <c>i % 64</c> of word <c>i / 64</c> is neuron <c>i</c>.</summary>
public static class SpikePacking
{
    public static int WordsFor(int count) => (count + 63) >> 6;

    public static void Pack(ReadOnlySpan<float> spikes, Span<ulong> words)
    {
        words[..WordsFor(spikes.Length)].Clear();
        for (int i = 0; i < spikes.Length; i++)
            if (spikes[i] != 0f) words[i >> 6] |= 1UL << (i & 63);
    }

    /// <summary>Writes 1 or 0 for neurons <c>0 .. spikes.Length - 1</c>.</summary>
    public static void Unpack(ReadOnlySpan<ulong> words, Span<float> spikes)
    {
        for (int i = 0; i < spikes.Length; i++) spikes[i] = (words[i >> 6] >> (i & 63) & 1UL) != 0 ? 1f : 0f;
    }
}
