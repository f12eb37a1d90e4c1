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
    private static readonly ConcurrentDictionary<int, ConcurrentBag<float[]>> Spare = new();

    public static float[] Rent(int length) =>
        Spare.TryGetValue(length, out ConcurrentBag<float[]>? bag) && bag.TryTake(out float[]? array) ? array : new float[length];

    public static void Return(float[] array)
    {
        ConcurrentBag<float[]> bag = Spare.GetOrAdd(array.Length, _ => new ConcurrentBag<float[]>());
        if (bag.Count < Kept) bag.Add(array);
    }
}
