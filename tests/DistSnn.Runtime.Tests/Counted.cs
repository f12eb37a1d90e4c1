using DistSnn.Core.Trial;

namespace DistSnn.Runtime.Tests;

/// <summary>Counter bags for tests that need a few known counts.</summary>
internal static class Counted
{
    /// <summary>Two layers: the first with these ADC counts, both with a few other counters set.</summary>
    public static ChipCounters Adc(long clipped, long conversions)
    {
        var counters = new ChipCounters(2);
        counters.Add(0, ChipCounter.AdcConversions, conversions);
        counters.Add(0, ChipCounter.AdcClipped, clipped);
        counters.Add(0, ChipCounter.Devices, 1568);
        counters.Add(1, ChipCounter.Spikes, 77);
        return counters;
    }
}
