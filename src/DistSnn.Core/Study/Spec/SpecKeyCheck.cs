namespace DistSnn.Core.Study;

/// <summary>
/// Walks the whole tree once before anything is bound: every key must be in the schema and every section a
/// mapping, so a typo anywhere is reported even where the value would never be read.
/// </summary>
internal static class SpecKeyCheck
{
    public static void Check(SpecMap root, string origin) => CheckSection(root, "", origin);

    private static void CheckSection(SpecMap map, string section, string origin)
    {
        foreach (var entry in map.Entries)
        {
            string path = section.Length == 0 ? entry.Key : $"{section}.{entry.Key}";
            if (entry.Key.Contains('.'))
                throw SpecNode.ProblemAt(entry.KeyLine, origin, path, "a dotted key in YAML; write nested keys as mappings (crossbar: { tile: { rows: 32 } })");
            SpecKey key = SpecSchema.Find(path) ?? throw SpecNode.ProblemAt(entry.KeyLine, origin, path, KeySuggestion.UnknownKey(path));
            switch (key.Shape, entry.Value)
            {
                case (_, SpecScalar { IsNull: true }):
                    break;
                case (SpecKeyShape.Section or SpecKeyShape.Trials, SpecMap inner):
                    CheckSection(inner, path, origin);
                    break;
                case (SpecKeyShape.Section, var other):
                    throw other.Problem(origin, path, $"expected a mapping of {string.Join(", ", SpecSchema.ChildrenOf(path).Select(k => k.Name))}, got {other.Describe()}");
                case (SpecKeyShape.Value, SpecMap or SpecList):
                    throw entry.Value.Problem(origin, path, $"expected {key.ValueType.Expected}, got {entry.Value.Describe()}");
                default:
                    break; // trials as a number and the sweep list are checked when they are bound
            }
        }
    }
}
