namespace DistSnn.Core.Random;

/// <summary>
/// What a random draw is for (DESIGN.md §3). Each scope has its own counter space, so enabling one kind of
/// non-ideality never shifts the draws of another, and a trial's chip is the same at every sweep point.
/// </summary>
public enum RandomScope : uint
{
    /// <summary>Once per trial: stuck-at faults.</summary>
    Fabrication = 1,
    /// <summary>Once per trial: programming error.</summary>
    Programming = 2,
    /// <summary>Every read: per-device read noise (the oracle path).</summary>
    ReadDevice = 3,
    /// <summary>Every read: column-aggregated read noise (the fast path).</summary>
    ReadColumn = 4,
    /// <summary>Every step: membrane noise.</summary>
    Neuron = 5,
    /// <summary>Every step: rate-encoder spikes.</summary>
    Encoder = 6,
    /// <summary>Every read: read noise of a column group, drawn once for its summed tiles (the fast path without an ADC).</summary>
    ReadGroup = 7,
    /// <summary>Once per trial (the programming scope of DESIGN.md §3): the drift exponent of every device.</summary>
    DriftExponent = 8,
    /// <summary>Once per trial and time after programming: accumulated (1/f) conductance noise at that time.</summary>
    DriftNoise = 9,
    /// <summary>Once per trial and time after programming: the conductance relaxation of drift models that have one (rram-hfo2).</summary>
    DriftRelaxation = 10,
    /// <summary>Once per trial: tile-level faults drawn with a probability (dead tile, rows, columns, stuck columns) and a
    /// tile's clustered defect rate (<see cref="Crossbar.TileFaults"/>).</summary>
    TileFaults = 11,
    /// <summary>Once per trial: the chip-wide choice of exactly k faulty tiles, rows or columns (<see cref="Crossbar.ChipFaultSelection"/>).</summary>
    ChipFaults = 12,
    /// <summary>Once per trial: whether each device is hit by its tile's clustered defects.</summary>
    ClusteredFaults = 13,
    /// <summary>Once per trial: each column's periphery offset (<see cref="Crossbar.ColumnPeriphery"/>).</summary>
    ColumnOffsets = 14,
    /// <summary>Every read: each column's periphery output noise.</summary>
    ColumnOutput = 15,
}
