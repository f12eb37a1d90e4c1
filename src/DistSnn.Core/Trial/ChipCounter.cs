namespace DistSnn.Core.Trial;

/// <summary>
/// What a virtual chip counts over one trial, per layer: what the chip was (its devices and their faults) and what
/// it did (reads, conversions, neuron updates, spikes). The per-trial chip statistics and the energy estimate are
/// made from these. Stored under <see cref="ChipCounters.Name"/> (the member in snake_case); append new members at
/// the end.
/// </summary>
public enum ChipCounter
{
    /// <summary>Devices of the layer's tiles: two per weight (G+ and G-).</summary>
    Devices,

    /// <summary>Devices stuck at gmin by a fabrication fault.</summary>
    StuckOff,

    /// <summary>Devices stuck at gmax by a fabrication fault.</summary>
    StuckOn,

    /// <summary>Device pairs read: for every read of a tile, its active (non-zero) input rows times its columns.</summary>
    SynapticEvents,

    /// <summary>Column conversions by a non-ideal ADC (none when the ADC is ideal).</summary>
    AdcConversions,

    /// <summary>Conversions the ADC clipped at its range.</summary>
    AdcClipped,

    /// <summary>Neuron updates: one per neuron of the layer, sample and time step.</summary>
    NeuronUpdates,

    /// <summary>Spikes the layer's neurons fired (0 for a non-spiking membrane readout layer).</summary>
    Spikes,

    /// <summary>Dead tiles (whatever their onset step).</summary>
    DeadTiles,

    /// <summary>Dead rows of the layer's tiles.</summary>
    DeadRows,

    /// <summary>Dead columns of the layer's tiles.</summary>
    DeadColumns,

    /// <summary>Columns stuck at the full scale.</summary>
    StuckColumns,
}
