using DistSnn.Core.Crossbar;
using DistSnn.Core.Engine;

namespace DistSnn.Core.Trial;

/// <summary>
/// Records every |column current| each tile gives at every read of a run (all columns, samples and steps pooled
/// per tile), for <see cref="AdcCalibration"/>. Zero currents, the most common on a sparse spiking input, are
/// only counted: they take part in the percentile's rank but need no storage. For the 100th percentile only the
/// largest current is kept, so that the common case holds no list of a run's currents (tens of millions on R1).
/// </summary>
internal sealed class TileCurrentRecorder : ITileReadObserver
{
    private readonly double _percentile;
    private readonly List<float>[][]? _nonzero;  // per layer and tile index; null at the 100th percentile
    private readonly long[][] _zeros, _count;
    private readonly float[][] _max;

    /// <param name="percentile">In (0, 100]: the one <see cref="Percentile"/> gives.</param>
    public TileCurrentRecorder(IReadOnlyList<TileGrid> grids, double percentile)
    {
        _percentile = percentile;
        if (percentile < 100) _nonzero = grids.Select(g => Enumerable.Range(0, g.Count).Select(_ => new List<float>()).ToArray()).ToArray();
        _zeros = grids.Select(g => new long[g.Count]).ToArray();
        _count = grids.Select(g => new long[g.Count]).ToArray();
        _max = grids.Select(g => new float[g.Count]).ToArray();
    }

    public bool Wants(int step) => true;

    public void TileRead(ProgrammedTile tile, in ReadKey first, int samples, ReadOnlySpan<float> inputs, ReadOnlySpan<float> partials, ReadOnlySpan<float> variances)
    {
        int l = tile.Layer, i = tile.Index;
        List<float>? seen = _nonzero?[l][i];
        ReadOnlySpan<float> currents = partials[..(samples * tile.Cols)];
        _count[l][i] += currents.Length;
        foreach (float current in currents)
        {
            if (current == 0)
            {
                _zeros[l][i]++;
                continue;
            }
            float magnitude = Math.Abs(current);
            _max[l][i] = Math.Max(_max[l][i], magnitude);
            seen?.Add(magnitude);
        }
    }

    /// <summary>
    /// The nearest-rank percentile of tile (layer, index)'s |column currents|: the smallest recorded value that at
    /// least that percentage of them do not exceed (100 = the largest); null when the tile read nothing.
    /// </summary>
    public double? Percentile(int layer, int index)
    {
        long zeros = _zeros[layer][index], count = _count[layer][index];
        if (count == 0) return null;
        if (_nonzero is null) return _max[layer][index];
        long rank = NearestRank(_percentile, count);
        if (rank <= zeros) return 0;
        List<float> seen = _nonzero[layer][index];
        seen.Sort();
        return seen[(int)(rank - zeros - 1)];
    }

    /// <summary>The nearest rank of <paramref name="percentile"/> among <paramref name="count"/> values:
    /// <c>ceil(P / 100 n)</c>, at least 1. In decimal: in double, 99.9 / 100 * 1000 is 999.0000000000001, which would
    /// round up to the next rank.</summary>
    internal static long NearestRank(double percentile, long count) =>
        Math.Clamp((long)Math.Ceiling((decimal)percentile * count / 100m), 1, count);
}
