using DistSnn.Core.Crossbar;

namespace DistSnn.Core.Devices;

/// <summary>
/// The device physics one tile is programmed with, resolved from its settings when the chip is programmed: the
/// model that writes it, the drift law (if any), the drift compensation and the time of inference (s). A tile
/// asks these objects, never the settings' enums, so a new model is a new class.
/// </summary>
public sealed record TileDevice(DeviceModel Programming, IDriftModel? Drift, DriftCompensationKind Compensation, double Time)
{
    public static TileDevice Resolve(CrossbarSettings settings)
    {
        DeviceSettings device = settings.Device;
        MappingSettings mapping = settings.Mapping;
        DeviceModel programming = device.Preset switch
        {
            DevicePreset.Ideal => IdealDevice.Instance,
            DevicePreset.Generic => new GenericDevice(device.Programming),
            DevicePreset.Pcm => new PcmDevice(mapping.Gmax, device.Pcm),
            DevicePreset.RramHfo2 => new RramHfo2Device(mapping.Gmin, mapping.Gmax, device.RramHfo2),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), $"unknown device preset {device.Preset}"),
        };
        IDriftModel? drift = device.Drift.Model switch
        {
            DriftModelKind.None => null,
            // The preset's own object when it is the same law, so its parameters are read from one place.
            DriftModelKind.Pcm => programming as PcmDevice ?? new PcmDevice(mapping.Gmax, device.Pcm),
            DriftModelKind.RramHfo2 => programming as RramHfo2Device ?? new RramHfo2Device(mapping.Gmin, mapping.Gmax, device.RramHfo2),
            _ => throw new ArgumentOutOfRangeException(nameof(settings), $"unknown drift model {device.Drift.Model}"),
        };
        return new TileDevice(programming, drift, device.Drift.Compensation, settings.Time);
    }
}
