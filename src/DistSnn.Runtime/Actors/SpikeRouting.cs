using DistSnn.Core.Crossbar;
using DistSnn.Core.Snn;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime.Actors;

/// <summary>
/// Cuts a run of a layer's inputs <c>[start, start + count)</c> (a neuron group's outputs, or the encoder's whole
/// input) into the pieces each tile of the next layer needs: tile row <c>tr</c> takes inputs
/// <c>[tr * rows, tr * rows + rowCount)</c>.
/// </summary>
public static class SpikeRouting
{
    /// <summary>The tile rows of <paramref name="grid"/> that read any of the inputs <c>[start, start + count)</c>, with the overlap.</summary>
    public static IEnumerable<(int TileRow, int Start, int Count)> Overlaps(TileGrid grid, int start, int count)
    {
        for (int tr = start / grid.Rows; tr < grid.TileRows && grid.RowStart(tr) < start + count; tr++)
        {
            int from = Math.Max(start, grid.RowStart(tr));
            int to = Math.Min(start + count, grid.RowStart(tr) + grid.RowCount(tr));
            if (to > from) yield return (tr, from, to - from);
        }
    }

    /// <summary>Packs values <c>[from, from + n)</c> of each sample's spike vector (sample-major, <paramref name="width"/> per sample) into a segment.</summary>
    public static SpikeSegment Pack(int batch, int round, float[] spikes, int samples, int width, int offset, int from, int n)
    {
        int words = SpikePacking.WordsFor(n);
        var bits = new ulong[samples * words];
        for (int s = 0; s < samples; s++)
            SpikePacking.Pack(spikes.AsSpan(s * width + (from - offset), n), bits.AsSpan(s * words, words));
        return new SpikeSegment(batch, round, from, n, samples, bits);
    }
}
