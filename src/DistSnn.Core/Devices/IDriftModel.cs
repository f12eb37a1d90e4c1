namespace DistSnn.Core.Devices;

/// <summary>
/// How a programmed conductance moves with the time since programming, in the manner of aihwkit's inference noise
/// models: a per-device parameter drawn once per trial from the target (the drift exponent nu, programming scope:
/// the tile's DriftExponent stream), then the conductance at time t from the programmed one, that parameter and
/// normals drawn once per trial and time (the DriftNoise and DriftRelaxation streams keyed by t). Conductances in
/// microsiemens, times in seconds.
/// </summary>
public interface IDriftModel
{
    /// <summary>Whether <see cref="Exponent"/> is used (drawn per device); false for a law that ignores the target.</summary>
    bool HasExponents { get; }

    /// <summary>Whether <see cref="AtTime"/> uses its relaxation normal.</summary>
    bool HasRelaxation { get; }

    /// <summary>The drift exponent of a device programmed to <paramref name="target"/> (uS), from a standard normal <paramref name="z"/>.</summary>
    double Exponent(double target, double z);

    /// <summary>The conductance (uS) <paramref name="time"/> seconds after programming, before per-read noise.</summary>
    /// <param name="programmed">The programmed conductance at time 0 (uS).</param>
    /// <param name="exponent">The device's <see cref="Exponent"/> (ignored when <see cref="HasExponents"/> is false).</param>
    /// <param name="noise">Standard normal of the accumulated noise at this time.</param>
    /// <param name="relaxation">Standard normal of the relaxation at this time (ignored when <see cref="HasRelaxation"/> is false).</param>
    double AtTime(double programmed, double exponent, double time, double noise, double relaxation);
}
