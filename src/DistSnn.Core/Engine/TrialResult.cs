namespace DistSnn.Core.Engine;

/// <summary>What one trial (one virtual chip over the whole data subset) measured.</summary>
/// <param name="Correct">Samples classified correctly.</param>
/// <param name="Total">Samples run.</param>
/// <param name="AdcClipped">Column conversions the ADC clipped.</param>
/// <param name="AdcConversions">Column conversions done by non-ideal ADCs (0 when the ADC is ideal).</param>
public sealed record TrialResult(int Correct, int Total, long AdcClipped, long AdcConversions)
{
    public double Accuracy => Total == 0 ? 0.0 : (double)Correct / Total;
    public double AdcClipFraction => AdcConversions == 0 ? 0.0 : (double)AdcClipped / AdcConversions;
}
