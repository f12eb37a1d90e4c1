using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Engine;
using DistSnn.Core.Snn;
using DistSnn.Core.Study;

namespace DistSnn.Core.Trial;

/// <summary>
/// The calibrated ADC ranges of one sweep point (<c>crossbar.adc.range: calibrated</c>), the way a chip team sets
/// them: the point's network runs on ideal devices (no ADC, noise, faults or IR drop:
/// <see cref="IdealDeviceAccuracy.IdealOf"/>) over the calibration samples, and each tile's range is the chosen
/// percentile of the |column currents| it gave, pooled over its columns, samples and time steps. One range per
/// tile, not per column: a tile's column ADCs share one reference, as the fixed and automatic ranges do.
/// Deterministic: trial <see cref="Trial"/>'s encoder draws, keyed by sample, so neither the study's batch size
/// nor the engine nor the node changes a range.
/// </summary>
public sealed class AdcCalibration
{
    /// <summary>The trial whose input draws the calibration run uses: the ideal reference's.</summary>
    public const int Trial = IdealDeviceAccuracy.Trial;

    // The batch of the calibration run: a constant, though any batch gives the same currents.
    private const int Batch = 64;

    private readonly double?[][] _ranges;

    private AdcCalibration(double?[][] ranges, int samples)
    {
        _ranges = ranges;
        Samples = samples;
    }

    /// <summary>How many samples calibrated.</summary>
    public int Samples { get; }

    /// <summary>Tile (layer, index)'s range in weight units; null when it saw no current above zero (at its
    /// percentile), so that it keeps the automatic range.</summary>
    public double? Range(int layer, int index) => _ranges[layer][index];

    /// <summary>Runs the calibration of <paramref name="model"/> (as the point runs it) on <paramref name="crossbar"/>'s
    /// tile grid, over the first <see cref="AdcCalibrationSettings.Samples"/> samples of <paramref name="source"/>.</summary>
    public static AdcCalibration Run(SnnModel model, CrossbarSettings crossbar, AdcCalibrationSettings settings, Dataset source, uint seed)
    {
        Dataset samples = source.Count > settings.Samples ? source.Slice(0, settings.Samples) : source;
        var plan = new TrialPlan(model, IdealDeviceAccuracy.IdealOf(crossbar), samples, seed, Batch);
        var recorder = new TileCurrentRecorder(plan.Grids, settings.Percentile);
        new SequentialTrial(plan, Trial, recorder).Run(null);
        double?[][] ranges = plan.Grids.Select((g, l) => Enumerable.Range(0, g.Count)
            .Select(i => recorder.Percentile(l, i) is double r && r > 0 ? r : (double?)null).ToArray()).ToArray();
        return new AdcCalibration(ranges, samples.Count);
    }

    /// <summary>The calibration set of a study: the built-in set's train split or the study's own samples.</summary>
    public static Dataset SourceOf(StudySpec spec, AdcCalibrationData data, Dataset studyData) => data switch
    {
        AdcCalibrationData.Study => studyData,
        // The spec reader refuses train for a file source: a worker would not have the file.
        AdcCalibrationData.Train => BuiltinDatasets.Load(spec.Data.Source, "train")
            ?? throw new InvalidOperationException($"no built-in train split for data source {spec.Data.Source}"),
        _ => throw new ArgumentOutOfRangeException(nameof(data)),
    };
}
