using DistSnn.Core.Snn;

namespace DistSnn.Core.Crossbar;

/// <summary>One virtual chip: every layer of a model mapped onto programmed tiles for one trial.</summary>
public sealed class Chip
{
    private Chip(IReadOnlyList<ChipLayer> layers) => Layers = layers;

    public IReadOnlyList<ChipLayer> Layers { get; }

    /// <summary>The widest tile: what a <see cref="TileReader"/> must hold.</summary>
    public int MaxTileCols => Layers.Max(l => l.Grid.Cols);

    /// <summary>Maps and programs every tile; the fabrication and programming draws depend only on (seed, trial, layer, tile, device).</summary>
    public static Chip Program(SnnModel model, CrossbarSettings settings, uint seed, int trial)
    {
        var layers = new ChipLayer[model.Layers.Count];
        for (int l = 0; l < layers.Length; l++)
        {
            DenseLayer layer = model.Layers[l];
            var grid = new TileGrid(layer.Inputs, layer.Outputs, settings.Tile);
            double layerWmax = layer.MaxAbsWeight();
            var tiles = new ProgrammedTile[grid.Count];
            for (int tr = 0; tr < grid.TileRows; tr++)
                for (int tc = 0; tc < grid.TileCols; tc++)
                    tiles[grid.Index(tr, tc)] = ProgrammedTile.Program(layer, l, grid, tr, tc, layerWmax, settings, seed, trial);
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
