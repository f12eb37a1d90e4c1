namespace DistSnn.Core.Study;

/// <summary>
/// One of a fixed set of lower-case names. For an enum the names come from its members (<c>PerLayer</c> is
/// <c>per-layer</c>), so a member added to the enum is accepted without touching the schema.
/// </summary>
internal sealed class ChoiceType : SpecValueType
{
    private readonly IReadOnlyList<(string Name, object Value)> _choices;
    private readonly string? _note;

    private ChoiceType(IReadOnlyList<(string Name, object Value)> choices, string? note)
    {
        _choices = choices;
        _note = note;
    }

    public static ChoiceType Of(params string[] names) => new(names.Select(n => (n, (object)n)).ToList(), null);

    /// <param name="note">Said after the choices in an error, e.g. which values are planned.</param>
    public static ChoiceType ForEnum<TEnum>(string? note = null) where TEnum : struct, Enum =>
        new(Enum.GetValues<TEnum>().Select(v => (NameOf(v.ToString()), (object)v)).ToList(), note);

    public IEnumerable<string> Names => _choices.Select(c => c.Name);

    public override string Expected
    {
        get
        {
            var names = _choices.Select(c => c.Name).ToList();
            string list = names.Count == 1 ? names[0] : $"{string.Join(", ", names.Take(names.Count - 1))} or {names[^1]}";
            return _note is null ? list : $"{list} ({_note})";
        }
    }

    public override object? Parse(string text, out string expectation)
    {
        foreach (var (name, value) in _choices)
        {
            if (name == text)
            {
                expectation = "";
                return value;
            }
        }
        expectation = Got(Expected, text);
        return null;
    }

    public override string Format(object value) => _choices.First(c => c.Value.Equals(value)).Name;

    private static string NameOf(string member) =>
        string.Concat(member.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "-" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
