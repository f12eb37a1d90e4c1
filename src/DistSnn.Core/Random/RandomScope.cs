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
}
