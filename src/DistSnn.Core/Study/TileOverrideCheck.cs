using DistSnn.Core.Crossbar;
using DistSnn.Core.Snn;

namespace DistSnn.Core.Study;

/// <summary>
/// A per-tile override must select tiles the chip has: its layer and tile indices are checked against the model's
/// tile grids (at every sweep point, since the tile size may be swept) before any trial runs.
/// </summary>
public static class TileOverrideCheck
{
    /// <exception cref="InputException">A layer the model does not have, or a tile index past the layer's grid.</exception>
    public static void Check(StudySpec spec, SnnModel model)
    {
        for (int i = 0; i < spec.Overrides.Count; i++)
        {
            TileSelector selector = spec.Overrides[i].Selector;
            string at = $"{SpecSchema.Overrides}[{i}]";
            if (selector.Layer >= model.Layers.Count)
                throw new InputException(spec.Origin, $"{at}.layer", $"expected a layer index in 0..{model.Layers.Count - 1} (the model has {model.Layers.Count} layers), got {selector.Layer}");
            if (selector.Tiles is null) continue;
            DenseLayer layer = model.Layers[selector.Layer];
            foreach (StudyPoint point in spec.Points)
            {
                var grid = new TileGrid(layer.Inputs, layer.Outputs, point.Settings.Crossbar.Tile);
                int count = grid.TileRows * grid.TileCols;
                if (selector.Tiles.FirstOrDefault(t => t >= count, -1) is var index and >= 0)
                {
                    string where = spec.Points.Count > 1 ? $" at sweep point {point.Index}" : "";
                    throw new InputException(spec.Origin, $"{at}.tiles",
                        $"expected tile indices in 0..{count - 1} (layer {selector.Layer} is a grid of {grid.TileRows} x {grid.TileCols} tiles, numbered row-major){where}, got {index}");
                }
            }
        }
    }
}
