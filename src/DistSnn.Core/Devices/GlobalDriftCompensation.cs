namespace DistSnn.Core.Devices;

/// <summary>
/// Global drift compensation as aihwkit does it (<c>GlobalDriftCompensation</c>,
/// src/aihwkit/inference/compensation/drift.py): one digital scale per tile,
/// <c>alpha = readout(programmed) / readout(now)</c>, where a readout is the mean |output| of the tile read with
/// every one-hot input in turn (the identity), which is the mean |G+ - G-| over the tile's device pairs. The
/// reference is read right after programming (t = 0, programming error and faults in, no drift); the second read
/// at the study's time. Both are noiseless calibration reads here (aihwkit's carry its forward noise), so alpha is
/// a property of the chip at that time, not of one read. The periphery multiplies the tile's output by alpha
/// after the ADC. A readout of 0 (a tile of zero weights, or all stuck) compensates nothing: alpha = 1.
/// </summary>
public static class GlobalDriftCompensation
{
    /// <param name="reference">Sum of |G+ - G-| over the tile's pairs right after programming (uS).</param>
    /// <param name="present">The same sum at the time of inference (uS).</param>
    public static double Factor(double reference, double present) => reference > 0 && present > 0 ? reference / present : 1.0;
}
