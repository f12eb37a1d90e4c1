namespace DistSnn.Core.Study;

/// <summary>
/// A node of the spec tree as written (YAML file or <c>--set</c>), before any typing: the reader loads the file into
/// these, applies the command-line overrides on them, then binds the result against <see cref="SpecSchema"/>.
/// </summary>
internal abstract class SpecNode
{
    protected SpecNode(int? line) => Line = line;

    /// <summary>1-based line in the spec file; null when the node came from the command line.</summary>
    public int? Line { get; }

    /// <summary>What the node is, for "got ..." in error messages.</summary>
    public abstract string Describe();

    /// <summary>An error about this node as the value of <paramref name="key"/>, pointing where it was written.</summary>
    /// <param name="within">Where inside the spec the node sits when that is not <paramref name="key"/> itself
    /// (a sweep value: <c>sweep[0].values[2]</c>).</param>
    public InputException Problem(string origin, string key, string expectation, string? within = null) =>
        ProblemAt(Line, origin, key, expectation, within);

    /// <summary>An error about something written at <paramref name="line"/> (null: on the command line).</summary>
    public static InputException ProblemAt(int? line, string origin, string key, string expectation, string? within = null)
    {
        if (line is null)
            return new InputException(SettingOverride.Origin, within is null ? $"--set {key}" : $"--set {key} ({within})", expectation);
        return new InputException(origin, within is null ? $"{key} (line {line})" : $"{key} ({within}, line {line})", expectation);
    }
}
