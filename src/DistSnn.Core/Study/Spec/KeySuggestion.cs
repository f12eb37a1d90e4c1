namespace DistSnn.Core.Study;

/// <summary>
/// What to tell a user who wrote an unknown key: the nearest known key when it is a likely typo, otherwise the
/// keys valid at that level.
/// </summary>
internal static class KeySuggestion
{
    /// <summary>The expectation for an unknown dotted key, e.g. <c>unknown key; did you mean 'crossbar.device'?</c></summary>
    public static string UnknownKey(string path)
    {
        if (Nearest(path, SpecSchema.Keys.Select(k => k.Path)) is { } near)
            return $"unknown key; did you mean '{near}'?";
        string section = DeepestKnownSection(path);
        string valid = string.Join(", ", SpecSchema.ChildrenOf(section).Select(k => k.Name));
        return section.Length == 0 ? $"unknown key; valid keys at the top: {valid}" : $"unknown key; valid keys in {section}: {valid}";
    }

    /// <summary>
    /// Refuses a key of a list entry (a sweep axis, a per-tile override) that is not one of <paramref name="known"/>:
    /// the nearest known one when it is a typo, else <paramref name="otherwise"/>.
    /// </summary>
    /// <param name="at">Where the entry is, e.g. <c>sweep[1]</c>.</param>
    public static void RefuseUnknown(SpecMap entry, IReadOnlyList<string> known, string at, string origin, string otherwise)
    {
        foreach (SpecMap.Entry unknown in entry.Entries.Where(e => !known.Contains(e.Key)))
        {
            string hint = Nearest(unknown.Key, known) is { } near ? $"did you mean '{near}'?" : otherwise;
            throw SpecNode.ProblemAt(unknown.KeyLine, origin, $"{at}.{unknown.Key}", $"unknown key; {hint}");
        }
    }

    /// <summary>The candidate closest to <paramref name="written"/> by edit distance, when close enough to be a typo.</summary>
    public static string? Nearest(string written, IEnumerable<string> candidates)
    {
        string lastSegment = written[(written.LastIndexOf('.') + 1)..];
        // A third of the mistyped name, at least one edit and at most three: "trails" (1) and "crossbar.devise" (1)
        // are typos, "crossbar.foo" is not a misspelt "crossbar.dac".
        int allowed = Math.Clamp(lastSegment.Length / 3, 1, 3);
        return candidates
            .Select(c => (Key: c, Distance: EditDistance(written, c)))
            .Where(c => c.Distance <= allowed)
            .OrderBy(c => c.Distance)
            .Select(c => c.Key)
            .FirstOrDefault();
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.</summary>
    public static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }

    private static string DeepestKnownSection(string path)
    {
        string section = "";
        string[] segments = path.Split('.');
        for (int i = 1; i < segments.Length; i++)
        {
            string prefix = string.Join('.', segments.Take(i));
            if (SpecSchema.Find(prefix) is not { Shape: SpecKeyShape.Section or SpecKeyShape.Trials }) break;
            section = prefix;
        }
        return section;
    }
}
