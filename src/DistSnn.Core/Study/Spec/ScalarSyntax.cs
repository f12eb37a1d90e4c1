using System.Globalization;

namespace DistSnn.Core.Study;

/// <summary>
/// How the spec reads and prints scalar text. Numbers are invariant-culture and finite; integers are plain digits
/// (no <c>16.0</c>, no hex) so a typo never silently becomes a different value.
/// </summary>
internal static class ScalarSyntax
{
    public static bool TryInteger(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Round-trip text of a number; integral values print as integers (<c>16</c>) and -0 as 0.</summary>
    public static string FormatNumber(double value) =>
        (value == 0 ? 0.0 : value).ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A sweep value as trials.csv prints it: numbers round-trip, anything else as written.</summary>
    public static string Coordinate(string text) => TryNumber(text, out double value) ? FormatNumber(value) : text;

    /// <summary>The found value in an error message: numbers bare, text quoted.</summary>
    public static string Shown(string text) => TryNumber(text, out _) ? text.Trim() : $"'{text}'";
}
