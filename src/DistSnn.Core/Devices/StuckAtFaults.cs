using DistSnn.Core.Crossbar;

namespace DistSnn.Core.Devices;

/// <summary>Fabrication faults of one device from one uniform draw: stuck at gmin with probability stuck_off, at gmax with stuck_on.</summary>
public static class StuckAtFaults
{
    public static double Apply(double programmed, FaultSettings faults, double uniform, double gmin, double gmax)
    {
        if (uniform < faults.StuckOff) return gmin;
        if (uniform < faults.StuckOff + faults.StuckOn) return gmax;
        return programmed;
    }

    public static bool Any(FaultSettings faults) => faults.StuckOff > 0 || faults.StuckOn > 0;
}
