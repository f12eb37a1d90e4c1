using DistSnn.Core.Crossbar;
using DistSnn.Core.Engine;

namespace DistSnn.Core.Trial;

/// <summary>
/// Records every |column current| each tile gives at every read of a run (all columns, samples and steps pooled
/// per tile), for <see cref="AdcCalibration"/>. Zero currents, the most common on a sparse spiking input, are
/// only counted: they take part in the percentile's rank but need no storage.
/// </summary>
internal sealed class TileCurrentRecorder : ITileReadObserver
{
    private readonly List<float>[][] _nonzero;   // per layer and tile index
    private readonly long[][] _zeros;

    public TileCurrentRecorder(IReadOnlyList<TileGrid> grids)
    {
        _nonzero = grids.Select(g => Enumerable.Range(0, g.Count).Select(_ => new List<float>()).ToArray()).ToArray();
        _zeros = grids.Select(g => new long[g.Count]).ToArray();
    }

    public bool Wants(int step) => true;

    public void TileRead(ProgrammedTile tile, in ReadKey first, int samples, ReadOnlySpan<float> inputs, ReadOnlySpan<float> partials, ReadOnlySpan<float> variances)
    {
        List<float> seen = _nonzero[tile.Layer][tile.Index];
        foreach (float current in partials[..(samples * tile.Cols)])
        {
            if (current == 0) _zeros[tile.Layer][tile.Index]++;
            else seen.Add(Math.Abs(current));
        }
    }

    /// <summary>
    /// The nearest-rank <paramref name="percentile"/> of tile (layer, index)'s |column currents|: the smallest
    /// recorded value that at least <paramref name="percentile"/> % of them do not exceed (100 = the largest);
    /// null when the tile read nothing.
    /// </summary>
    public double? Percentile(int layer, int index, double percentile)
    {
        List<float> seen = _nonzero[layer][index];
        long zeros = _zeros[layer][index], count = zeros + seen.Count;
        if (count == 0) return null;
        long rank = Math.Clamp((long)Math.Ceiling(percentile / 100.0 * count), 1, count);
        if (rank <= zeros) return 0;
        seen.Sort();
        return seen[(int)(rank - zeros - 1)];
    }
}
