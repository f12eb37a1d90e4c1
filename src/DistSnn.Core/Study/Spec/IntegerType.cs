namespace DistSnn.Core.Study;

/// <summary>An integer in <c>[Min, Max]</c>, optionally also 0 as an "off" value (<c>0 or 2..24</c> ADC bits).</summary>
internal sealed class IntegerType(long min, long max, bool zeroMeansOff = false) : SpecValueType
{
    public override string Expected => zeroMeansOff ? $"0 or an integer in {min}..{max}" : $"an integer in {min}..{max}";

    public override object? Parse(string text, out string expectation)
    {
        expectation = "";
        if (!ScalarSyntax.TryInteger(text, out long value))
        {
            expectation = Got(Expected, text);
            return null;
        }
        if (zeroMeansOff && value == 0) return value;
        // Name the bound that was crossed: "expected an integer >= 1, got 0" reads better than the whole range.
        if (value < min) expectation = Got(zeroMeansOff ? Expected : $"an integer >= {min}", text);
        else if (value > max) expectation = Got(zeroMeansOff ? Expected : $"an integer <= {max}", text);
        return expectation.Length == 0 ? value : null;
    }
}
