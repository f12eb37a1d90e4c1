namespace DistSnn.Core.Crossbar;

/// <summary>
/// How each tile's ADC range is set from the column currents the ideal network produces on a calibration set
/// (<c>crossbar.adc.range: calibrated</c>; <see cref="Trial.AdcCalibration"/> does it).
/// </summary>
/// <param name="Samples">How many samples of the calibration set are run (the first ones; fewer if the set has fewer).</param>
/// <param name="Percentile">The percentile, in (0, 100], of a tile's |column currents| that becomes its range: 100 is
/// the largest current seen; below 100 the rarest currents clip, so that the codes cover the common ones.</param>
/// <param name="Data">Which samples calibrate.</param>
public sealed record AdcCalibrationSettings(int Samples = 256, double Percentile = 100.0, AdcCalibrationData Data = AdcCalibrationData.Train);

/// <summary>Where the calibration samples come from (<c>crossbar.adc.calibration.data</c>).</summary>
public enum AdcCalibrationData
{
    /// <summary>The first samples of the built-in data set's train split, held out from a study of its test split.
    /// The set is embedded in the assembly, so every node of a cluster reads the same samples.</summary>
    Train,
    /// <summary>The first samples of the study's own data (after its offset and limit): the only choice for a file
    /// source, whose samples are all a cluster's workers receive.</summary>
    Study,
}
