namespace DistSnn.Core;

/// <summary>
/// Bad input from the user: a file, a field in it, and what was expected. The command prints it as one
/// <c>error:</c> line and exits with code 2; it is never shown as a stack trace.
/// </summary>
public sealed class InputException : Exception
{
    public InputException(string source, string field, string expectation)
        : base(Format(source, field, expectation))
    {
        Origin = source;
        Field = field;
        Expectation = expectation;
    }

    /// <summary>The file (or "command line", "builtin:NAME") the bad value came from.</summary>
    public string Origin { get; }

    /// <summary>The field, key or byte range inside it; empty when the whole file is at fault.</summary>
    public string Field { get; }

    public string Expectation { get; }

    private static string Format(string source, string field, string expectation) =>
        string.IsNullOrEmpty(field) ? $"{source}: {expectation}" : $"{source}: {field}: {expectation}";
}
