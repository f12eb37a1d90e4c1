namespace DistSnn.Core.Study;

/// <summary>A YAML mapping, in written order; mutable so that <c>--set</c> can replace entries.</summary>
internal sealed class SpecMap(int? line) : SpecNode(line)
{
    private readonly List<Entry> _entries = [];

    /// <summary>One key and its value; <see cref="KeyLine"/> points at the key for unknown-key errors.</summary>
    public sealed record Entry(string Key, int? KeyLine, SpecNode Value);

    public IReadOnlyList<Entry> Entries => _entries;

    public SpecNode? this[string key] => _entries.Find(e => e.Key == key)?.Value;

    /// <summary>Adds or replaces the value of <paramref name="key"/>, keeping its place.</summary>
    public void Set(string key, SpecNode value, int? keyLine)
    {
        int index = _entries.FindIndex(e => e.Key == key);
        if (index < 0) _entries.Add(new Entry(key, keyLine, value));
        else _entries[index] = _entries[index] with { Value = value };
    }

    /// <summary>The node at a dotted path below this map, or null when any step is missing or not a mapping.</summary>
    public SpecNode? Find(string path)
    {
        SpecNode? node = this;
        foreach (string segment in path.Split('.'))
        {
            node = node is SpecMap map ? map[segment] : null;
            if (node is null) return null;
        }
        return node;
    }

    public override string Describe() => "a mapping";
}
