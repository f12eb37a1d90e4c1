using DistSnn.Core.Crossbar;

namespace DistSnn.Core.Study;

/// <summary>
/// <c>crossbar.overrides</c>: a list of <c>{ layer, tiles, set }</c>, each giving the tiles it selects (a layer, and
/// optionally tile indices) settings of their own (<c>set</c>: dotted keys as <c>--set</c> writes them). At every
/// sweep point each combination of overrides some tile gets is bound like a point, with every cross-key check, so
/// a combination that cannot run is an error before any trial runs. Tile indices are checked against the model
/// later (<see cref="TileOverrideCheck"/>), when it is loaded.
/// </summary>
internal static class TileOverridesBinder
{
    private static readonly string[] EntryKeys = ["layer", "tiles", "set"];

    /// <summary>One setting of an override: typed, and where it was written.</summary>
    public sealed record Setting(SpecKey Key, object Typed, SpecNode Node, string Within);

    /// <summary>One override as read: which tiles, and what they set.</summary>
    public sealed record Entry(TileSelector Selector, IReadOnlyList<Setting> Settings)
    {
        public TileOverride Public => new(Selector, Settings.Select(s => new KeyValuePair<string, string>(s.Key.Path, s.Key.ValueType.Format(s.Typed))).ToList());
    }

    public static IReadOnlyList<Entry> Read(SpecMap root, string origin)
    {
        SpecNode? node = root.Find(SpecSchema.Overrides);
        if (node is null or SpecScalar { IsNull: true }) return [];
        if (node is not SpecList list)
            throw node.Problem(origin, SpecSchema.Overrides, $"expected a list of {{ layer: L, tiles: [i, ...], set: {{ KEY: VALUE, ... }} }}, got {node.Describe()}");
        return list.Items.Select((item, i) => ReadEntry(item, $"{SpecSchema.Overrides}[{i}]", origin)).ToList();
    }

    /// <summary>The per-tile settings of one sweep point: <paramref name="point"/>'s values with each combination of overrides on top.</summary>
    /// <param name="where">Said after a cross-key error, as for the point itself (" at sweep point 3 (...)").</param>
    public static TileOverrides Bind(IReadOnlyList<Entry> entries, SpecValues point, string where) =>
        TileOverrides.Build(entries.Select(e => e.Selector).ToList(), combination =>
        {
            SpecValues values = point;
            foreach (int i in combination)
                foreach (Setting setting in entries[i].Settings)
                    values = values.With(setting.Key.Path, setting.Typed, setting.Node, setting.Within);
            string overrides = string.Join(" and ", combination.Select(i => $"{SpecSchema.Overrides}[{i}]"));
            return PointSettingsBinder.Bind(values, $"{where} on the tiles of {overrides}").Crossbar;
        });

    /// <summary>The overrides as canonical <c>key=value</c> lines (what the spec hash covers); none without overrides.</summary>
    public static IEnumerable<string> CanonicalLines(IReadOnlyList<Entry> entries)
    {
        for (int i = 0; i < entries.Count; i++)
        {
            string at = $"{SpecSchema.Overrides}[{i}]";
            TileSelector selector = entries[i].Selector;
            yield return $"{at}.layer={selector.Layer}";
            // Sorted: a set of tiles, whatever order it is written in (the lines are sorted too, so set keys are).
            if (selector.Tiles is { } tiles) yield return $"{at}.tiles=[{string.Join(",", tiles.Order())}]";
            foreach (Setting setting in entries[i].Settings)
                yield return $"{at}.set.{setting.Key.Path}={setting.Key.ValueType.Format(setting.Typed)}";
        }
    }

    /// <summary>
    /// Why <paramref name="key"/> cannot differ between tiles, or null when it can: the network's settings, the
    /// tile grid, the input DAC (before any tile), the ADC calibration run and exactly-k faults (a count per chip) are
    /// the chip's.
    /// </summary>
    public static string? NotPerTile(SpecKey key)
    {
        if (key.Shape != SpecKeyShape.Value) return $"{key.Path} is not a setting; set the keys inside it";
        if (!key.Sweepable || !(key.Path == SpecSchema.Time || key.Path.StartsWith("crossbar.", StringComparison.Ordinal)))
            return $"{key.Path} is not a crossbar setting; only time and crossbar.* settings can differ between tiles";
        if (key.Path.StartsWith("crossbar.tile.", StringComparison.Ordinal))
            return $"{key.Path} sets the tile grid, the same for every tile";
        if (key.Path.StartsWith("crossbar.dac.", StringComparison.Ordinal))
            return $"{key.Path} sets the input DAC, which converts a layer's inputs before any tile";
        if (key.Path.StartsWith(SpecSchema.AdcCalibration + ".", StringComparison.Ordinal))
            return $"{key.Path} sets the chip's one calibration run (a tile's range may be calibrated, fixed or auto)";
        if (key.Path.EndsWith(".exact", StringComparison.Ordinal))
            return $"{key.Path} is a count per chip; per tile, give a probability";
        return null;
    }

    private static Entry ReadEntry(SpecNode node, string at, string origin)
    {
        if (node is not SpecMap entry)
            throw node.Problem(origin, at, $"expected a mapping {{ layer: L, tiles: [i, ...], set: {{ KEY: VALUE, ... }} }}, got {node.Describe()}");
        KeySuggestion.RefuseUnknown(entry, EntryKeys, at, origin, "an override has layer, tiles and set");

        int layer = Index(entry["layer"], entry, $"{at}.layer", "the layer index (0 = the first layer)", origin);
        IReadOnlyList<int>? tiles = null;
        if (entry["tiles"] is { } tilesNode and not SpecScalar { IsNull: true })
        {
            if (tilesNode is not SpecList { Items.Count: > 0 } list)
                throw tilesNode.Problem(origin, $"{at}.tiles", $"expected a non-empty list of tile indices (row-major over the layer's tile grid), got {tilesNode.Describe()}");
            var indices = new List<int>();
            for (int j = 0; j < list.Items.Count; j++)
            {
                int index = Index(list.Items[j], list, $"{at}.tiles[{j}]", "a tile index (row-major over the layer's tile grid)", origin);
                if (indices.Contains(index)) throw list.Items[j].Problem(origin, $"{at}.tiles[{j}]", $"tile {index} is listed twice");
                indices.Add(index);
            }
            tiles = indices;
        }

        string setAt = $"{at}.set";
        if (entry["set"] is not SpecMap { Entries.Count: > 0 } set)
        {
            SpecNode found = entry["set"] ?? entry;
            throw found.Problem(origin, setAt, $"expected a non-empty mapping of dotted keys to values (e.g. {{ crossbar.device.preset: pcm, time: 86400 }}), got {(entry["set"] is null ? "nothing" : found.Describe())}");
        }
        var settings = new List<Setting>();
        foreach (SpecMap.Entry written in set.Entries)
        {
            string path = written.Key.Trim();
            SpecKey key = SpecSchema.Find(path) ?? throw SpecNode.ProblemAt(written.KeyLine, origin, $"{setAt}.{path}", KeySuggestion.UnknownKey(path));
            if (NotPerTile(key) is { } reason) throw SpecNode.ProblemAt(written.KeyLine, origin, $"{setAt}.{path}", $"cannot be set per tile: {reason}");
            if (written.Value is not SpecScalar { IsNull: false } scalar)
                throw written.Value.Problem(origin, path, $"expected {key.ValueType.Expected}, got {written.Value.Describe()}", setAt);
            object typed = SpecValues.Read(key, scalar, origin, setAt) ?? throw scalar.Problem(origin, path, $"expected {key.ValueType.Expected}", setAt);
            settings.Add(new Setting(key, typed, scalar, setAt));
        }
        return new Entry(new TileSelector(layer, tiles), settings);
    }

    private static int Index(SpecNode? node, SpecNode around, string at, string what, string origin)
    {
        if (node is not SpecScalar { IsNull: false } scalar)
            throw (node ?? around).Problem(origin, at, $"expected {what}, an integer from 0, got {(node is null ? "nothing" : node.Describe())}");
        string text = scalar.Text.Trim();
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int value))
            throw scalar.Problem(origin, at, $"expected {what}, an integer from 0, got '{text}'");
        return value;
    }
}
