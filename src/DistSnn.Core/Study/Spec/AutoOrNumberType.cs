namespace DistSnn.Core.Study;

/// <summary><c>auto</c> (kept as the text "auto") or a number above zero: the ADC full-scale range.</summary>
internal sealed class AutoOrNumberType : SpecValueType
{
    public const string Auto = "auto";

    private readonly NumberType _number = NumberType.Above(0);

    public override string Expected => $"{Auto} or {_number.Expected}";

    public override object? Parse(string text, out string expectation)
    {
        expectation = "";
        if (text == Auto) return Auto;
        if (_number.Parse(text, out _) is { } value) return value;
        expectation = Got(Expected, text);
        return null;
    }
}
