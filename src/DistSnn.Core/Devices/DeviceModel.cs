namespace DistSnn.Core.Devices;

/// <summary>
/// How a device is written: the conductance it takes when programmed to a target, drawn once per trial (the
/// programming scope of DESIGN.md §3, element (r, c, sign) of the tile's Programming stream). One subclass per
/// physical model, each with its equation, units and source; <see cref="TileDevice"/> picks one per tile. A model
/// that also drifts implements <see cref="IDriftModel"/>. Conductances are in microsiemens.
/// </summary>
public abstract class DeviceModel
{
    /// <summary>Whether <see cref="Program"/> uses its normal draw: false for ideal devices, which then cost no draws.</summary>
    public abstract bool HasProgrammingError { get; }

    /// <summary>Standard deviation (uS) of the programmed conductance around <paramref name="target"/> (uS), before
    /// any clamping: the model's sigma(G) curve.</summary>
    public abstract double ProgrammingSigma(double target);

    /// <summary>The programmed conductance (uS) for <paramref name="target"/> (uS) and a standard normal <paramref name="z"/>.</summary>
    public abstract double Program(double target, double z);
}
