using DistSnn.Core.Crossbar;

namespace DistSnn.Core.Devices;

/// <summary>
/// Read noise of one device per read: proportional <c>G(1 + sigma z)</c> or additive <c>G + sigma z</c> (uS).
/// For a pair driven by input <c>x</c>, the differential current's noise is Gaussian with variance
/// <c>x^2 sigma^2 (G+^2 + G-^2)</c> (proportional) or <c>2 x^2 sigma^2</c> (additive); summed over the active rows
/// this is the exact column-aggregated distribution the fast path samples.
/// </summary>
public static class ReadNoise
{
    /// <summary>The device's conductance during one read, in float (the per-device read path).</summary>
    public static float Read(float g, ReadSettings settings, float z)
    {
        float sigma = (float)settings.Sigma;
        return settings.Model == NoiseModel.Proportional ? g * (1f + sigma * z) : g + sigma * z;
    }

    /// <summary>Variance (uS^2) of a pair's differential conductance per read, per unit input squared.</summary>
    public static double PairVariance(double gPlus, double gMinus, ReadSettings settings)
    {
        double s2 = settings.Sigma * settings.Sigma;
        return settings.Model == NoiseModel.Proportional ? s2 * (gPlus * gPlus + gMinus * gMinus) : 2.0 * s2;
    }
}
