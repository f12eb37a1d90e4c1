namespace DistSnn.Core.Devices;

/// <summary>The <c>ideal</c> preset: a device takes its target conductance exactly, <c>G_prog = G_target</c>; no draws.</summary>
public sealed class IdealDevice : DeviceModel
{
    public static IdealDevice Instance { get; } = new();

    private IdealDevice()
    {
    }

    public override bool HasProgrammingError => false;

    public override double ProgrammingSigma(double target) => 0.0;

    public override double Program(double target, double z) => target;
}
