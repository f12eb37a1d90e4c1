using DistSnn.Core.Engine;
using DistSnn.Core.Trial;

namespace DistSnn.Core.Study;

/// <summary>
/// What one virtual chip was and did over its trial, from its counters (<see cref="ChipCounters"/>): the share of
/// stuck devices, the ADC clipping rate, synaptic events per inference, the spike rate of each layer and the
/// energy per inference (<see cref="EnergySettings"/>). Per point, <see cref="Mean"/> averages them over the chips.
/// </summary>
/// <param name="StuckFraction">Devices stuck at gmin or gmax, of all devices.</param>
/// <param name="AdcClipFraction">Conversions clipped, of all conversions of non-ideal ADCs (0 without any).</param>
/// <param name="SynapticEventsPerSample">Device pairs read per sample (inference), over all layers and steps.</param>
/// <param name="SpikeRates">Per layer: spikes per neuron and time step.</param>
/// <param name="EnergyPerSampleNj">The energy estimate per sample, nanojoules.</param>
public sealed record ChipStatistics(double StuckFraction, double AdcClipFraction, double SynapticEventsPerSample,
    IReadOnlyList<double> SpikeRates, double EnergyPerSampleNj)
{
    public static ChipStatistics Of(TrialResult result, EnergySettings energy)
    {
        ChipCounters c = result.Counters;
        double samples = Math.Max(1, result.Total);
        double joules = 2.0 * c.Total(ChipCounter.SynapticEvents) * energy.DeviceReadFj * 1e-15
            + c.Total(ChipCounter.AdcConversions) * energy.AdcConversionPj * 1e-12
            + c.Total(ChipCounter.NeuronUpdates) * energy.NeuronUpdatePj * 1e-12;
        var rates = new double[c.Layers];
        for (int l = 0; l < c.Layers; l++) rates[l] = Share(c[l, ChipCounter.Spikes], c[l, ChipCounter.NeuronUpdates]);
        return new ChipStatistics(
            Share(c.Total(ChipCounter.StuckOff) + c.Total(ChipCounter.StuckOn), c.Total(ChipCounter.Devices)),
            result.AdcClipFraction,
            c.Total(ChipCounter.SynapticEvents) / samples,
            rates,
            joules / samples * 1e9);
    }

    /// <summary>The mean of each statistic over <paramref name="chips"/> (a point's trials); null for none.</summary>
    public static ChipStatistics? Mean(IReadOnlyList<ChipStatistics> chips)
    {
        if (chips.Count == 0) return null;
        int layers = chips.Max(s => s.SpikeRates.Count);
        var rates = new double[layers];
        for (int l = 0; l < layers; l++) rates[l] = chips.Average(s => l < s.SpikeRates.Count ? s.SpikeRates[l] : 0);
        return new ChipStatistics(chips.Average(s => s.StuckFraction), chips.Average(s => s.AdcClipFraction),
            chips.Average(s => s.SynapticEventsPerSample), rates, chips.Average(s => s.EnergyPerSampleNj));
    }

    private static double Share(long part, long whole) => whole == 0 ? 0.0 : (double)part / whole;
}
