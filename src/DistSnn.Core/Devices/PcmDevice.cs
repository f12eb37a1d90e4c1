using DistSnn.Core.Crossbar;

namespace DistSnn.Core.Devices;

/// <summary>
/// Phase-change memory as IBM aihwkit models it (<c>PCMLikeNoiseModel</c>, src/aihwkit/inference/noise/pcm.py,
/// fitted by Nandakumar et al., ICECS 2019), written from its code where its docs differ. Conductances in uS,
/// times in s; <c>gmax</c> is the mapping's (the preset's 25 uS unless the spec says).
/// <code>
///   programming (once per trial, Programming stream):
///     g       = G_target / gmax
///     sigma   = (0.26348 + 1.9650 g - 1.1731 g^2) * gmax / 25 * ProgrammingScale                 uS
///     G_prog  = max(0, G_target + sigma z)
///   drift exponent (once per trial, DriftExponent stream), from the target:
///     g'      = max(|G_target| / gmax, 1e-7)
///     mu      = clip(-0.0155 ln g' + 0.0244, 0.049, 0.1)
///     sd      = clip(-0.0125 ln g' - 0.0059, 0.008, 0.045)
///     nu      = |mu + sd z| * DriftScale
///   at time t after programming (once per trial and t, DriftNoise stream), t' = t + t0:
///     G_drift = G_prog (t' / t0)^-nu            (only when t' > t0, i.e. t > 0)
///     Q_s     = min(0.0088 / max((|G_prog| / gmax)^0.65, 1e-3), 0.2)
///     G(t)    = max(0, G_drift + |G_drift| Q_s sqrt(ln((t' + t_read) / (2 t_read))) * NoiseScale * z)
/// </code>
/// Where the code, not the docs, decides: the noise factor Q_s is taken from the programmed conductance, not the
/// target; the accumulated noise is present already at t = 0 (t' = t0 = 20 s), though no drift is; and the drift
/// statistics use the target, clipped at 1e-7 gmax. The log under the root is floored at 0 (it is positive unless
/// t0 is set below t_read, where aihwkit would give NaN).
/// </summary>
public sealed class PcmDevice : DeviceModel, IDriftModel
{
    /// <summary>The conductance the programming polynomial was fitted at (uS): its sigma scales with gmax / 25.</summary>
    public const double FitGmax = 25.0;

    public static readonly double[] ProgrammingCoefficients = [0.26348, 1.9650, -1.1731];

    private const double ZeroClip = 1e-7;

    public PcmDevice(double gmax, PcmSettings settings)
    {
        if (!(gmax > 0)) throw new ArgumentOutOfRangeException(nameof(gmax), "gmax must be positive");
        Gmax = gmax;
        Settings = settings;
    }

    public double Gmax { get; }
    public PcmSettings Settings { get; }

    public override bool HasProgrammingError => Settings.ProgrammingScale > 0;

    public bool HasExponents => true;
    public bool HasRelaxation => false;

    public override double ProgrammingSigma(double target)
    {
        double g = target / Gmax;
        double[] c = ProgrammingCoefficients;
        return (c[0] + c[1] * g + c[2] * g * g) * (Gmax / FitGmax) * Settings.ProgrammingScale;
    }

    public override double Program(double target, double z) => Math.Max(0.0, target + ProgrammingSigma(target) * z);

    /// <summary>Mean of the drift exponent for a target conductance (before <see cref="PcmSettings.DriftScale"/>).</summary>
    public double ExponentMean(double target) => Math.Clamp(-0.0155 * Math.Log(RelativeTarget(target)) + 0.0244, 0.049, 0.1);

    /// <summary>Spread of the drift exponent's normal before the absolute value (before <see cref="PcmSettings.DriftScale"/>).</summary>
    public double ExponentSpread(double target) => Math.Clamp(-0.0125 * Math.Log(RelativeTarget(target)) - 0.0059, 0.008, 0.045);

    public double Exponent(double target, double z) => Math.Abs(ExponentMean(target) + ExponentSpread(target) * z) * Settings.DriftScale;

    /// <summary>Drift alone, without noise: <c>G_prog (t'/t0)^-nu</c>, t' = t + t0.</summary>
    public double Drifted(double programmed, double exponent, double time)
    {
        double t = time + Settings.T0;
        return t > Settings.T0 ? programmed * Math.Pow(t / Settings.T0, -exponent) : programmed;
    }

    /// <summary>The standard deviation of the accumulated noise relative to |G_drift|: <c>Q_s sqrt(ln((t' + t_read) / (2 t_read)))</c>.</summary>
    public double NoiseSigma(double programmed, double time)
    {
        double qs = Math.Min(0.0088 / Math.Max(Math.Pow(Math.Abs(programmed) / Gmax, 0.65), 1e-3), 0.2);
        double t = time + Settings.T0;
        return qs * Math.Sqrt(Math.Max(0.0, Math.Log((t + Settings.TRead) / (2 * Settings.TRead)))) * Settings.NoiseScale;
    }

    public double AtTime(double programmed, double exponent, double time, double noise, double relaxation)
    {
        double drifted = Drifted(programmed, exponent, time);
        return Math.Max(0.0, drifted + Math.Abs(drifted) * NoiseSigma(programmed, time) * noise);
    }

    private double RelativeTarget(double target) => Math.Max(Math.Abs(target / Gmax), ZeroClip);
}
