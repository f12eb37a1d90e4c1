namespace DistSnn.Core.Study;

/// <summary>Free text that passes a check: a study name, a path, a model reference.</summary>
internal sealed class TextType(string expected, Func<string, bool> isValid) : SpecValueType
{
    public static TextType NonEmpty { get; } = new("a non-empty text", text => text.Trim().Length > 0);

    /// <summary>A study name becomes a directory name: portable characters only, and not <c>.</c> or <c>..</c>.</summary>
    public static TextType StudyName { get; } = new(
        "a name of letters, digits, '-', '_' and '.' (it becomes a directory name)",
        text => text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && text.Any(c => c != '.'));

    public static TextType Exactly(string value, string why) => new($"{value} ({why})", text => text == value);

    public override string Expected => expected;

    public override object? Parse(string text, out string expectation)
    {
        expectation = isValid(text) ? "" : Got(expected, text);
        return expectation.Length == 0 ? text : null;
    }
}
