namespace DistSnn.Core.Study;

/// <summary>
/// One <c>--set KEY=VALUE</c> from the command line. The value is a YAML scalar, or YAML flow when it starts with
/// <c>{</c> or <c>[</c> (<c>--set trials={min: 5, max: 50, ci_halfwidth: 0.01}</c>); it replaces whatever the
/// file had at KEY before the spec is bound, so it is validated exactly like a value in the file.
/// </summary>
internal sealed record SettingOverride(string Key, SpecNode Value)
{
    /// <summary>The origin of errors about command-line values.</summary>
    public const string Origin = "command line";

    public static SettingOverride Parse(string text)
    {
        int equals = text.IndexOf('=');
        string key = equals < 0 ? "" : text[..equals].Trim();
        if (key.Length == 0)
            throw new InputException(Origin, "--set", $"expected KEY=VALUE (e.g. crossbar.device.read.sigma=0.1), got '{text}'");
        if (SpecSchema.Find(key) is null)
            throw new InputException(Origin, $"--set {key}", KeySuggestion.UnknownKey(key));

        string value = text[(equals + 1)..].Trim();
        SpecNode node = value.Length > 0 && value[0] is '{' or '[' or '"' or '\''
            ? SpecTreeLoader.LoadValue(value, key)
            : new SpecScalar(value, quoted: false, line: null);
        return new SettingOverride(key, node);
    }

    /// <summary>Puts the value at <see cref="Key"/>, creating the sections on the way.</summary>
    public void ApplyTo(SpecMap root)
    {
        string[] segments = Key.Split('.');
        SpecMap map = root;
        for (int i = 0; i < segments.Length - 1; i++)
        {
            switch (map[segments[i]])
            {
                case SpecMap inner:
                    map = inner;
                    break;
                case null or SpecScalar { IsNull: true }:
                    var created = new SpecMap(null);
                    map.Set(segments[i], created, null);
                    map = created;
                    break;
                case var other:
                    string section = string.Join('.', segments.Take(i + 1));
                    throw new InputException(Origin, $"--set {Key}",
                        $"{section} is {other.Describe()} in the spec, not a mapping; set {section} as a whole (e.g. {section}={{...}})");
            }
        }
        map.Set(segments[^1], Value, null);
    }

    /// <summary>Whether this override writes the swept setting <paramref name="sweptKey"/> (itself or a section around it).</summary>
    public bool Covers(string sweptKey) => sweptKey == Key || sweptKey.StartsWith(Key + ".", StringComparison.Ordinal);
}
