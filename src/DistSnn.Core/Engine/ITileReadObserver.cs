using DistSnn.Core.Crossbar;

namespace DistSnn.Core.Engine;

/// <summary>
/// Watches the sequential engine's tile reads, so that a tool (<c>distsnn chip</c>'s read file) sees exactly what
/// a trial reads without a second copy of the trial loop. Called after each tile step of a wanted time step.
/// </summary>
public interface ITileReadObserver
{
    /// <summary>Whether the reads of <paramref name="step"/> are wanted: the engine unpacks inputs only for those.</summary>
    bool Wants(int step);

    /// <param name="first">The read key of the batch's first sample (sample s is <c>first.Sample + s</c>).</param>
    /// <param name="inputs">Each sample's row inputs, <c>[samples, tile.Rows]</c>, as the tile step received them
    /// (before the tile cuts its dead rows).</param>
    /// <param name="partials">What the tile step gave, <c>[samples, tile.Cols]</c>: what the column group sums.</param>
    /// <param name="variances">For a tile that defers its read noise to the group: its summed variances; else empty.</param>
    void TileRead(ProgrammedTile tile, in ReadKey first, int samples, ReadOnlySpan<float> inputs, ReadOnlySpan<float> partials, ReadOnlySpan<float> variances);
}
