using DistSnn.Core.Trial;

namespace DistSnn.Core.Engine;

/// <summary>What one trial (one virtual chip over the whole data subset) measured.</summary>
/// <param name="Correct">Samples classified correctly.</param>
/// <param name="Total">Samples run.</param>
/// <param name="Counters">What the chip counted, per layer (<see cref="ChipCounter"/>).</param>
public sealed record TrialResult(int Correct, int Total, ChipCounters Counters)
{
    /// <summary>A result that counted nothing (no layers): what a store holds for a trial recorded without counters.</summary>
    public TrialResult(int correct, int total) : this(correct, total, new ChipCounters(0)) { }

    public double Accuracy => Total == 0 ? 0.0 : (double)Correct / Total;

    /// <summary>Column conversions the ADCs clipped.</summary>
    public long AdcClipped => Counters.Total(ChipCounter.AdcClipped);

    /// <summary>Column conversions done by non-ideal ADCs (0 when the ADC is ideal).</summary>
    public long AdcConversions => Counters.Total(ChipCounter.AdcConversions);

    public double AdcClipFraction => AdcConversions == 0 ? 0.0 : (double)AdcClipped / AdcConversions;
}
