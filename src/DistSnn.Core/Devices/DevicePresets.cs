using DistSnn.Core.Crossbar;

namespace DistSnn.Core.Devices;

/// <summary>
/// What a preset sets besides the model that programs the devices, each a default the spec may override: the
/// conductance range of the mapping (uS) and the drift law. <c>ideal</c> and <c>generic</c> keep the mapping's
/// 0 .. 25 uS and no drift; <c>pcm</c> is aihwkit's 0 .. 25 uS with PCM drift; <c>rram-hfo2</c> aihwkit's
/// 9 .. 88.2 uS with its relaxation.
/// </summary>
public static class DevicePresets
{
    public static double Gmin(DevicePreset preset) => preset == DevicePreset.RramHfo2 ? RramHfo2Device.PresetGmin : 0.0;

    public static double Gmax(DevicePreset preset) => preset switch
    {
        DevicePreset.RramHfo2 => RramHfo2Device.PresetGmax,
        DevicePreset.Pcm => PcmDevice.FitGmax,
        _ => 25.0,
    };

    public static DriftModelKind Drift(DevicePreset preset) => preset switch
    {
        DevicePreset.Pcm => DriftModelKind.Pcm,
        DevicePreset.RramHfo2 => DriftModelKind.RramHfo2,
        _ => DriftModelKind.None,
    };
}
