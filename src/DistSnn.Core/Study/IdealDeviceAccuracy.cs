using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Engine;
using DistSnn.Core.Snn;

namespace DistSnn.Core.Study;

/// <summary>
/// The accuracy of a study's model on its data with every device non-ideality off: no programming or read noise,
/// no faults, ideal ADC and DAC, continuous conductance levels, no IR drop. The reports draw it as the line the
/// study's points fall from. It is one trial (trial 0, so the same input spikes as every point's chip 0) of the
/// sequential engine with the baseline point's model settings (time steps, neuron, encoder) and tiles and mapping,
/// since those belong to the network, not to the devices.
/// </summary>
public static class IdealDeviceAccuracy
{
    public const int Trial = 0;

    /// <summary>Runs the trial on this thread; it costs as much as one trial of the study.</summary>
    public static double Compute(StudySpec spec, SnnModel model, Dataset data)
    {
        PointSettings baseline = spec.Points[spec.Baseline].Settings;
        var engine = new ReferenceEngine(baseline.Apply(model), IdealOf(baseline.Crossbar), spec.Seed, spec.Batch);
        return engine.RunTrial(Trial, data).Accuracy;
    }

    /// <summary><paramref name="crossbar"/>'s tiles and weight mapping on ideal devices.</summary>
    public static CrossbarSettings IdealOf(CrossbarSettings crossbar) =>
        CrossbarSettings.Ideal with { Tile = crossbar.Tile, Mapping = crossbar.Mapping with { Levels = 0 } };
}
