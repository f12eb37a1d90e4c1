namespace DistSnn.Core.Study;

/// <summary>
/// The typed value of every scalar setting of one configuration (the base, or one sweep point), defaults filled
/// in, each remembering the node it came from so later checks can point at the right line.
/// </summary>
internal sealed class SpecValues
{
    /// <summary>A typed value and where it was written (no node: the default).</summary>
    private sealed record Entry(object? Value, SpecNode? Node, string? Within);

    private readonly Dictionary<string, Entry> _entries;
    private readonly string _origin;

    private SpecValues(Dictionary<string, Entry> entries, string origin)
    {
        _entries = entries;
        _origin = origin;
    }

    /// <summary>Reads and validates every setting of <see cref="SpecSchema.Settings"/> from the tree.</summary>
    public static SpecValues Bind(SpecMap root, string origin)
    {
        var entries = new Dictionary<string, Entry>();
        foreach (SpecKey key in SpecSchema.Settings)
        {
            SpecNode? node = root.Find(key.Path);
            entries[key.Path] = new Entry(Read(key, node, origin), node, null);
        }
        return new SpecValues(entries, origin);
    }

    /// <summary>The typed value of one node for <paramref name="key"/>; the key's default when the node is absent or null.</summary>
    public static object? Read(SpecKey key, SpecNode? node, string origin, string? within = null)
    {
        switch (node)
        {
            case null or SpecScalar { IsNull: true }:
                return key.Default;
            case SpecScalar scalar:
                return key.ValueType.Parse(scalar.Text.Trim(), out string expectation) ?? throw node.Problem(origin, key.Path, expectation, within);
            default:
                throw node.Problem(origin, key.Path, $"expected {key.ValueType.Expected}, got {node.Describe()}", within);
        }
    }

    /// <summary>A copy with one setting replaced: a sweep point's value for a swept key.</summary>
    public SpecValues With(string key, object? value, SpecNode? node, string? within = null) =>
        new(new Dictionary<string, Entry>(_entries) { [key] = new Entry(value, node, within) }, _origin);

    public object? this[string key] => _entries[key].Value;

    public long? Integer(string key) => (long?)this[key];

    public double? Number(string key) => (double?)this[key];

    public string? Text(string key) => (string?)this[key];

    public T? Choice<T>(string key) where T : struct, Enum => (T?)this[key];

    /// <summary>The value of a setting that has a default, so it is never null.</summary>
    public T Required<T>(string key) => this[key] is T value ? value : throw new InvalidOperationException($"{key} has no value");

    /// <summary>Written in the spec or on the command line (not a default).</summary>
    public bool IsWritten(string key) => _entries[key].Node is not null;

    /// <summary>Set by the sweep at this point.</summary>
    public bool IsSwept(string key) => _entries[key].Within is not null;

    /// <summary>An error about a setting, pointing where it was written (or naming only the key when it is a default).</summary>
    public InputException Problem(string key, string expectation)
    {
        Entry entry = _entries[key];
        return entry.Node?.Problem(_origin, key, expectation, entry.Within) ?? new InputException(_origin, key, expectation);
    }
}
