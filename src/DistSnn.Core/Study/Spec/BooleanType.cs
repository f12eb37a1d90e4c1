namespace DistSnn.Core.Study;

/// <summary><c>true</c> or <c>false</c>, as YAML 1.2 spells them (not yes/no/on/off, which YAML 1.1 readers disagree on).</summary>
internal sealed class BooleanType : SpecValueType
{
    public static BooleanType Instance { get; } = new();

    private BooleanType()
    {
    }

    public override string Expected => "true or false";

    public override object? Parse(string text, out string expectation)
    {
        expectation = text is "true" or "false" ? "" : Got(Expected, text);
        return expectation.Length == 0 ? text == "true" : null;
    }

    public override string Format(object value) => (bool)value ? "true" : "false";
}
