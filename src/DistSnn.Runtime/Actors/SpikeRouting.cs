using DistSnn.Core.Crossbar;
using DistSnn.Core.Trial;
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

    /// <summary>The segment of inputs <c>[from, from + n)</c> of packed spikes <paramref name="spikes"/> whose bit 0
    /// is input <paramref name="offset"/> and which are <paramref name="width"/> wide per sample. When the segment is
    /// the whole of them and <paramref name="share"/> allows it, the words are shared, not copied (the sender then
    /// never writes that array again).</summary>
    public static SpikeSegment Segment(int batch, int round, ulong[] spikes, int samples, int width, int offset, int from, int n, bool share = true)
    {
        if (share && from == offset && n == width && spikes.Length == samples * PackedSpikes.WordsFor(width))
            return new SpikeSegment(batch, round, from, n, samples, spikes);
        var bits = new ulong[samples * PackedSpikes.WordsFor(n)];
        PackedSpikes.CopyBatch(spikes, width, from - offset, bits, n, 0, n, samples);
        return new SpikeSegment(batch, round, from, n, samples, bits);
    }
}
