using DistSnn.Core.Crossbar;

namespace DistSnn.Core.Devices;

/// <summary>
/// The <c>generic</c> preset (the default, and the only model before presets existed): Gaussian programming error
/// drawn once per trial, proportional <c>G_prog = max(0, G (1 + sigma z))</c> (sigma relative) or additive
/// <c>G_prog = max(0, G + sigma z)</c> (sigma in uS), from <c>crossbar.device.programming</c>. The arithmetic is
/// the one every earlier result was computed with, so those results stay bit for bit.
/// </summary>
public sealed class GenericDevice(ProgrammingSettings settings) : DeviceModel
{
    public ProgrammingSettings Settings { get; } = settings;

    public override bool HasProgrammingError => Settings.Sigma > 0;

    public override double ProgrammingSigma(double target) =>
        Settings.Model == NoiseModel.Proportional ? Settings.Sigma * target : Settings.Sigma;

    public override double Program(double target, double z)
    {
        if (Settings.Sigma == 0) return target;
        double g = Settings.Model == NoiseModel.Proportional ? target * (1.0 + Settings.Sigma * z) : target + Settings.Sigma * z;
        return Math.Max(g, 0.0);
    }
}
