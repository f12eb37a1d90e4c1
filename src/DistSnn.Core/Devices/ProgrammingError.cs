using DistSnn.Core.Crossbar;

namespace DistSnn.Core.Devices;

/// <summary>Write error of a device, drawn once per trial: proportional <c>G(1 + sigma z)</c> or additive <c>G + sigma z</c> (uS), clamped at 0.</summary>
public static class ProgrammingError
{
    public static double Apply(double target, ProgrammingSettings settings, double z)
    {
        if (settings.Sigma == 0) return target;
        double g = settings.Model == NoiseModel.Proportional ? target * (1.0 + settings.Sigma * z) : target + settings.Sigma * z;
        return Math.Max(g, 0.0);
    }
}
