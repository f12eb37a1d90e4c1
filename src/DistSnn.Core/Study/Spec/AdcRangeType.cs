namespace DistSnn.Core.Study;

/// <summary>
/// The ADC full-scale range: <c>auto</c> or <c>calibrated</c> (kept as those texts) or a number above zero (a
/// fixed full scale in weight units).
/// </summary>
internal sealed class AdcRangeType : SpecValueType
{
    public const string Auto = "auto";
    public const string Calibrated = "calibrated";

    private readonly NumberType _number = NumberType.Above(0);

    public override string Expected => $"{Auto}, {Calibrated} or {_number.Expected}";

    public override object? Parse(string text, out string expectation)
    {
        expectation = "";
        if (text is Auto or Calibrated) return text;
        if (_number.Parse(text, out _) is { } value) return value;
        expectation = Got(Expected, text);
        return null;
    }
}
