using System.Collections.Concurrent;

namespace DistSnn.Runtime.Actors;

/// <summary>
/// Reuses the arrays of partial column currents that tiles send their neuron groups (the largest per-round
/// messages: a batch times a tile's columns), so a trial does not make garbage at every round. A tile rents one
/// per (batch, round); the group that summed it gives it back. Arrays have the exact length asked for (a message
/// is checked against its own shape); a length keeps at most <see cref="Kept"/> spare arrays. An array that
/// crossed the network is a fresh copy and may be given back too.
/// </summary>
internal static class PartialBuffers
{
    private const int Kept = 512;
    private static readonly ConcurrentDictionary<int, Spares> ByLength = new();

    public static float[] Rent(int length)
    {
        if (ByLength.TryGetValue(length, out Spares? spares) && spares.Bag.TryTake(out float[]? array))
        {
            Interlocked.Decrement(ref spares.Count);
            return array;
        }
        return new float[length];
    }

    public static void Return(float[] array)
    {
        Spares spares = ByLength.GetOrAdd(array.Length, _ => new Spares());
        // A counter, not the bag's own Count, which takes every thread's lock.
        if (Interlocked.Increment(ref spares.Count) > Kept)
        {
            Interlocked.Decrement(ref spares.Count);
            return;
        }
        spares.Bag.Add(array);
    }

    private sealed class Spares
    {
        public readonly ConcurrentBag<float[]> Bag = new();
        public int Count;
    }
}
