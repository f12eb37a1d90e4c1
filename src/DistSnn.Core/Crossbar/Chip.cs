using DistSnn.Core.Trial;

namespace DistSnn.Core.Crossbar;

/// <summary>One virtual chip: every layer of a model mapped onto programmed tiles for one trial.</summary>
public sealed class Chip
{
    private Chip(IReadOnlyList<ChipLayer> layers) => Layers = layers;

    public IReadOnlyList<ChipLayer> Layers { get; }

    /// <summary>Maps and programs every tile; the fabrication and programming draws depend only on (seed, trial, layer, tile, device).</summary>
    public static Chip Program(TrialPlan plan, int trial)
    {
        var layers = new ChipLayer[plan.Layers];
        for (int l = 0; l < layers.Length; l++)
        {
            TileGrid grid = plan.Grids[l];
            var tiles = new ProgrammedTile[grid.Count];
            for (int tr = 0; tr < grid.TileRows; tr++)
                for (int tc = 0; tc < grid.TileCols; tc++)
                    tiles[grid.Index(tr, tc)] = plan.ProgramTile(trial, l, tr, tc);
            layers[l] = new ChipLayer(grid, tiles);
        }
        return new Chip(layers);
    }
}

/// <summary>The tiles of one layer, indexed as <see cref="TileGrid.Index"/> numbers them.</summary>
public sealed record ChipLayer(TileGrid Grid, IReadOnlyList<ProgrammedTile> Tiles)
{
    public ProgrammedTile Tile(int tileRow, int tileCol) => Tiles[Grid.Index(tileRow, tileCol)];
}
