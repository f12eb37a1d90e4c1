namespace DistSnn.Core.Crossbar;

/// <summary>The tiles one override selects: every tile of a layer, or the listed tile indices (row-major over
/// the layer's tile grid, as in chip files).</summary>
/// <param name="Layer">The layer, 0-based.</param>
/// <param name="Tiles">The tile indices; null = every tile of the layer.</param>
public sealed record TileSelector(int Layer, IReadOnlyList<int>? Tiles)
{
    public bool Selects(int layer, int index) => layer == Layer && (Tiles is null || Tiles.Contains(index));
}
