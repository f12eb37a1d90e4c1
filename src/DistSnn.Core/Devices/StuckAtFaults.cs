using DistSnn.Core.Crossbar;
using DistSnn.Core.Random;

namespace DistSnn.Core.Devices;

/// <summary>
/// Stuck-at faults of one device, drawn once per trial (fabrication scope). Independent: stuck at gmin with
/// probability stuck_off and at gmax with stuck_on, from the device's Fabrication uniform u. Clustered
/// (<see cref="ClusteredFaultSettings"/>): the tile's defect rate lambda, then the device's ClusteredFaults uniform
/// v: stuck at gmax if <c>v &lt; lambda * on_fraction</c>, else at gmin if <c>v &lt; lambda</c> (given v &lt; lambda, v /
/// lambda is uniform, so one draw decides both). An independent fault is decided first.
/// </summary>
public static class StuckAtFaults
{
    /// <summary>The fault of a device with Fabrication uniform <paramref name="u"/> and ClusteredFaults uniform
    /// <paramref name="v"/>, in a tile of clustered defect rate <paramref name="rate"/>.</summary>
    public static DeviceFault Classify(FaultSettings faults, double u, double rate, double v)
    {
        if (u < faults.StuckOff) return DeviceFault.StuckOff;
        if (u < faults.StuckOff + faults.StuckOn) return DeviceFault.StuckOn;
        if (v < rate * faults.Clustered.OnFraction) return DeviceFault.StuckOn;
        if (v < rate) return DeviceFault.StuckOff;
        return DeviceFault.Healthy;
    }

    /// <summary>The conductance of a device with <paramref name="fault"/>: gmin or gmax when stuck, else its own.</summary>
    public static double Apply(double g, DeviceFault fault, double gmin, double gmax) => fault switch
    {
        DeviceFault.StuckOff => gmin,
        DeviceFault.StuckOn => gmax,
        _ => g,
    };

    /// <summary>The clustered defect rate of tile <paramref name="index"/> of <paramref name="layer"/>: a Gamma draw of
    /// the settings' mean and shape, capped at 1; 0 without clustered defects.</summary>
    public static double ClusteredRate(ClusteredFaultSettings clustered, uint seed, int trial, int layer, int index)
    {
        if (!(clustered.Mean > 0)) return 0.0;
        RandomStream draws = DrawKey.Chip(seed, trial, RandomScope.TileFaults, layer, index).Stream();
        return Math.Min(1.0, GammaVariate.Draw(draws, TileFaults.ClusteredRateBase, clustered.Shape, clustered.Mean / clustered.Shape));
    }
}
