namespace DistSnn.Core.Study;

/// <summary>
/// <c>sweep</c>: a list of <c>{ key, values }</c>. Each key must be a sweepable setting, swept once; each value is
/// checked against the key's grammar here, and in combination with the other settings at every point.
/// </summary>
internal static class SweepBinder
{
    private static readonly string[] EntryKeys = ["key", "values"];

    /// <summary>One swept value: typed, and where it was written.</summary>
    public sealed record Value(object? Typed, SpecNode Node, string Within);

    /// <summary>One axis: the schema key, its typed values, and the public <see cref="SweepAxis"/>.</summary>
    public sealed record Axis(SpecKey Key, IReadOnlyList<Value> Values, SweepAxis Public);

    public static IReadOnlyList<Axis> Bind(SpecMap root, string origin)
    {
        SpecNode? node = root[SpecSchema.Sweep];
        if (node is null or SpecScalar { IsNull: true }) return [];
        if (node is not SpecList list)
            throw node.Problem(origin, SpecSchema.Sweep, $"expected a list of {{ key: SETTING, values: [...] }}, got {node.Describe()}");

        var axes = new List<Axis>();
        for (int i = 0; i < list.Items.Count; i++)
        {
            Axis axis = BindEntry(list.Items[i], $"sweep[{i}]", origin);
            int earlier = axes.FindIndex(a => a.Key == axis.Key);
            if (earlier >= 0)
                throw list.Items[i].Problem(origin, $"sweep[{i}].key", $"{axis.Key.Path} is swept twice (sweep[{earlier}] and sweep[{i}]); give all its values in one entry");
            axes.Add(axis);
        }
        return axes;
    }

    private static Axis BindEntry(SpecNode node, string at, string origin)
    {
        if (node is not SpecMap entry)
            throw node.Problem(origin, at, $"expected a mapping {{ key: SETTING, values: [...] }}, got {node.Describe()}");
        KeySuggestion.RefuseUnknown(entry, EntryKeys, at, origin, "a sweep entry has only key and values");

        SpecKey key = SweptKey(entry, at, origin);

        string valuesAt = $"{at}.values";
        if (entry["values"] is not SpecList { Items.Count: > 0 } list)
        {
            SpecNode found = entry["values"] ?? entry;
            throw found.Problem(origin, valuesAt, $"expected a non-empty list of values for {key.Path}, got {(entry["values"] is null ? "nothing" : found.Describe())}");
        }

        var values = new List<Value>();
        var coordinates = new List<string>();
        for (int j = 0; j < list.Items.Count; j++)
        {
            string within = $"{valuesAt}[{j}]";
            if (list.Items[j] is not SpecScalar { IsNull: false } scalar)
                throw list.Items[j].Problem(origin, key.Path, $"expected {key.ValueType.Expected} as a sweep value, got {list.Items[j].Describe()}", within);
            object? typed = SpecValues.Read(key, scalar, origin, within);
            string coordinate = ScalarSyntax.Coordinate(scalar.Text.Trim());
            if (coordinates.Contains(coordinate))
                throw scalar.Problem(origin, key.Path, $"the value {coordinate} is listed twice", within);
            values.Add(new Value(typed, scalar, within));
            coordinates.Add(coordinate);
        }
        return new Axis(key, values, new SweepAxis(key.Path, coordinates));
    }

    private static SpecKey SweptKey(SpecMap entry, string at, string origin)
    {
        string keyAt = $"{at}.key";
        if (entry["key"] is not SpecScalar { IsNull: false } keyNode)
        {
            SpecNode found = entry["key"] ?? entry;
            throw found.Problem(origin, keyAt, $"expected the dotted key of a setting (e.g. crossbar.device.read.sigma), got {(entry["key"] is null ? "nothing" : found.Describe())}");
        }
        string path = keyNode.Text.Trim();
        SpecKey key = SpecSchema.Find(path) ?? throw keyNode.Problem(origin, keyAt, $"'{path}' is an {KeySuggestion.UnknownKey(path)}");
        if (key.Shape == SpecKeyShape.Section)
            throw keyNode.Problem(origin, keyAt, $"{path} is a section; sweep one setting inside it ({string.Join(", ", SpecSchema.Keys.Where(k => k.Sweepable && k.Path.StartsWith(path + ".", StringComparison.Ordinal)).Select(k => k.Path))})");
        if (key.Shape == SpecKeyShape.Overrides)
            throw keyNode.Problem(origin, keyAt, $"{path} is a list of per-tile settings, not one setting, so it cannot be swept; run the study once per list (--set {path}=[...])");
        if (!key.Sweepable)
            throw keyNode.Problem(origin, keyAt, $"{path} cannot be swept; only timesteps, neuron.*, encoder and crossbar.* settings can");
        return key;
    }
}
