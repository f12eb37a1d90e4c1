using DistSnn.Core.Snn;

namespace DistSnn.Core.Crossbar;

/// <summary>
/// A tile's target conductances: its weights through the mapping it was programmed with, before any error. Not kept
/// on the tile (only the chip files need them): recomputed from the layer, as <see cref="ProgrammedTile.Program"/> does.
/// </summary>
public static class TileTargets
{
    /// <summary>The targets (uS, row-major <c>[Rows, Cols]</c>) of the positive and negative devices.</summary>
    public static (float[] Plus, float[] Minus) Of(ProgrammedTile tile, DenseLayer layer)
    {
        var plus = new float[tile.Rows * tile.Cols];
        var minus = new float[tile.Rows * tile.Cols];
        ConductanceMapping mapping = tile.Mapping;
        for (int r = 0; r < tile.Rows; r++)
            for (int c = 0; c < tile.Cols; c++)
            {
                double w = layer.Weight(tile.ColStart + c, tile.RowStart + r);
                plus[r * tile.Cols + c] = (float)mapping.Target(w, negative: false);
                minus[r * tile.Cols + c] = (float)mapping.Target(w, negative: true);
            }
        return (plus, minus);
    }
}
