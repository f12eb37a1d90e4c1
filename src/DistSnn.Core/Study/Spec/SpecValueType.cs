namespace DistSnn.Core.Study;

/// <summary>
/// The grammar of one scalar setting: how its text becomes a typed value (long, double, string or enum member),
/// what is expected when it does not, and how the value prints in the canonical text.
/// </summary>
internal abstract class SpecValueType
{
    /// <summary>The typed value, or null with <paramref name="expectation"/> saying what was expected and found.</summary>
    public abstract object? Parse(string text, out string expectation);

    public virtual string Format(object value) => value switch
    {
        double number => ScalarSyntax.FormatNumber(number),
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>What a value of this type looks like, for "expected ..., got a mapping".</summary>
    public abstract string Expected { get; }

    protected static string Got(string expected, string text) => $"expected {expected}, got {ScalarSyntax.Shown(text)}";
}
