namespace DistSnn.Core.Crossbar;

/// <summary>
/// A heterogeneous chip: the settings of the tiles that per-tile overrides select (<c>crossbar.overrides</c>).
/// Each selected tile has one complete <see cref="CrossbarSettings"/>: the sweep point's settings with the keys of
/// every override that selects it applied on top, in the order the overrides are written (a later one wins on
/// the keys both set). They are resolved and checked when the spec is read, once per combination of overrides, so
/// a chip program only looks them up. A tile that no override selects takes the point's settings.
/// </summary>
public sealed class TileOverrides
{
    private readonly Dictionary<(int Layer, int Index), Resolved> _listed;
    private readonly Dictionary<int, Resolved> _wholeLayer;

    /// <summary>One combination of overrides (their indices, in order) and the settings it resolves to.</summary>
    public sealed record Resolved(IReadOnlyList<int> Overrides, CrossbarSettings Settings);

    private TileOverrides(IReadOnlyList<TileSelector> selectors, Dictionary<(int, int), Resolved> listed, Dictionary<int, Resolved> wholeLayer)
    {
        Selectors = selectors;
        _listed = listed;
        _wholeLayer = wholeLayer;
    }

    public static TileOverrides None { get; } = new([], [], []);

    /// <summary>The overrides' selectors, in the order written.</summary>
    public IReadOnlyList<TileSelector> Selectors { get; }

    public bool Any => Selectors.Count > 0;

    /// <summary>Every distinct combination of overrides some tile gets, with its settings.</summary>
    public IEnumerable<Resolved> Combinations => _listed.Values.Concat(_wholeLayer.Values).Distinct();

    /// <summary>
    /// Resolves the settings of every tile <paramref name="selectors"/> can reach: each listed tile index, and for
    /// each layer with an override of all its tiles, the rest of that layer.
    /// </summary>
    /// <param name="resolve">The settings of a combination of overrides (their indices, in written order); called
    /// once per distinct combination.</param>
    public static TileOverrides Build(IReadOnlyList<TileSelector> selectors, Func<IReadOnlyList<int>, CrossbarSettings> resolve)
    {
        if (selectors.Count == 0) return None;
        var known = new Dictionary<string, Resolved>(StringComparer.Ordinal);
        Resolved Of(List<int> combination)
        {
            string key = string.Join(",", combination);
            if (!known.TryGetValue(key, out Resolved? resolved))
                known[key] = resolved = new Resolved(combination, resolve(combination));
            return resolved;
        }

        var listed = new Dictionary<(int, int), Resolved>();
        var wholeLayer = new Dictionary<int, Resolved>();
        foreach (int layer in selectors.Select(s => s.Layer).Distinct().Order())
        {
            List<int> whole = Matching(selectors, s => s.Layer == layer && s.Tiles is null);
            if (whole.Count > 0) wholeLayer[layer] = Of(whole);
            IEnumerable<int> indices = selectors.Where(s => s.Layer == layer && s.Tiles is not null).SelectMany(s => s.Tiles!).Distinct().Order();
            foreach (int index in indices)
                listed[(layer, index)] = Of(Matching(selectors, s => s.Selects(layer, index)));
        }
        return new TileOverrides(selectors, listed, wholeLayer);
    }

    /// <summary>The settings of tile <paramref name="index"/> of <paramref name="layer"/>; null when no override selects it.</summary>
    public CrossbarSettings? For(int layer, int index) =>
        _listed.TryGetValue((layer, index), out Resolved? tile) ? tile.Settings : _wholeLayer.GetValueOrDefault(layer)?.Settings;

    private static List<int> Matching(IReadOnlyList<TileSelector> selectors, Func<TileSelector, bool> selects) =>
        Enumerable.Range(0, selectors.Count).Where(i => selects(selectors[i])).ToList();
}
