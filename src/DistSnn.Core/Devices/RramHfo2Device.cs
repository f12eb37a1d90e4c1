using DistSnn.Core.Crossbar;

namespace DistSnn.Core.Devices;

/// <summary>
/// CMO/HfOx filamentary ReRAM as IBM aihwkit models it (<c>ReRamCMONoiseModel</c>,
/// src/aihwkit/inference/noise/reram.py; IBM Research Zurich, Falcone et al.). Conductances in uS, on the
/// preset's 9 .. 88.2 uS unless the spec sets the mapping; times in s.
/// <code>
///   programming (once per trial, Programming stream), acceptance range 2 % or 0.2 %:
///     sigma   = (c0 + c1 G_target) * ProgrammingScale                                              uS
///               2 %:   c0 = 0.0112185391,  c1 = 0.01129027418
///               0.2 %: c0 = 0.00081107,    c1 = 0.00106879
///     G_prog  = max(0, G_target + sigma z1)
///   at time t > 0 after programming (once per trial and t: z2 DriftRelaxation, z3 DriftNoise stream):
///     G_mean  = G_prog - 0.08900206 ln(t) * DriftScale
///     G_drift = G_mean + (0.04201137 ln(t) + 0.41183342) * DriftScale * z2
///     sigma_r = 0.0277316483 log10(G_drift) sqrt(ln((t + t_read) / (2 t_read)))                    t_read = 1 us
///     G(t)    = clip(G_drift + sigma_r * NoiseScale * z3, gmin, gmax)
///   at t = 0: G(0) = G_prog.
/// </code>
/// The relaxation does not depend on the target, so this law has no per-device exponent. Two guards aihwkit does
/// not have, which never act on the preset's range: programming clamps at 0 uS (no device has a negative
/// conductance), and the read-noise sigma is 0 where its logarithms are undefined (G_drift &lt;= 0, or t below
/// t_read). aihwkit's constructor default acceptance range (2e-2) is not a key of its table and silently becomes
/// 0.2 %; here the range is <see cref="RramHfo2Settings.AcceptanceRange"/>, 2 % unless the spec says 0.2.
/// <para>Discrete levels (<see cref="RramHfo2Settings.Levels"/> N &gt;= 2; this project's addition, not aihwkit's),
/// after the multi-level 65 nm HfO2 RRAM of Charan et al., "Accurate inference with inaccurate RRAM devices:
/// statistical data, model transfer, and on-line adaptation", DAC 2020:
/// <code>
///   G_k     = gmin + (gmax - gmin) k / (N - 1),  k = 0 .. N - 1                                    uS
///   k*      = round((G_target - gmin) / (gmax - gmin) (N - 1))        (nearest level, ties to even)
///   sigma   = LevelSpread G_k* * ProgrammingScale                                                  uS
///   G_prog  = max(0, G_k* + sigma z1)
/// </code>
/// The level's spread replaces the c0 + c1 G fit rather than adding to it: in a program-and-verify scheme the
/// spread a device keeps around its level is what the verify loop leaves, i.e. the programming error itself, and
/// the measured per-level distribution already contains it. So the acceptance range does not act with levels on.
/// Relaxation and read noise at t &gt; 0 act on G_prog as above. Where the numbers come from: the paper's abstract
/// (the only text of it in this project's sources) reports "10-levels in quantization and 50% variance"; it gives
/// neither the level conductances nor the spread per level, nor says whether 50 % is a variance or a standard
/// deviation. The levels are therefore equally spaced on the mapping's range, and the default spread 0.5 reads
/// the 50 % as one relative standard deviation, the same at every level; both are spec keys to override.</para>
/// </summary>
public sealed class RramHfo2Device : DeviceModel, IDriftModel
{
    public const double PresetGmin = 9.0;
    public const double PresetGmax = 88.2;

    private const double MeanShiftPerLn = -0.08900206, SpreadPerLn = 0.04201137, SpreadAtOneSecond = 0.41183342, ReadK = 0.0277316483;

    public RramHfo2Device(double gmin, double gmax, RramHfo2Settings settings)
    {
        Gmin = gmin;
        Gmax = gmax;
        Settings = settings;
        (C0, C1) = Coefficients(settings.AcceptanceRange);
        if (settings.Levels is < 0 or 1) throw new ArgumentOutOfRangeException(nameof(settings), settings.Levels, "levels is 0 (continuous) or at least 2");
        if (!(settings.LevelSpread >= 0) || double.IsInfinity(settings.LevelSpread))
            throw new ArgumentOutOfRangeException(nameof(settings), settings.LevelSpread, "the level spread must be finite and at least 0");
    }

    public double Gmin { get; }
    public double Gmax { get; }
    public RramHfo2Settings Settings { get; }

    /// <summary>Programming sigma at 0 uS (uS) and per uS of target, for the acceptance range.</summary>
    public double C0 { get; }
    public double C1 { get; }

    /// <summary>The acceptance ranges (percent) the programming fit exists for.</summary>
    public static IReadOnlyList<double> AcceptanceRanges { get; } = [2.0, 0.2];

    public static (double C0, double C1) Coefficients(double acceptanceRange) => acceptanceRange switch
    {
        2.0 => (0.0112185391, 0.01129027418),
        0.2 => (0.00081107, 0.00106879),
        _ => throw new ArgumentOutOfRangeException(nameof(acceptanceRange), "the acceptance range is 2 or 0.2 (percent)"),
    };

    // With levels on, Program snaps even when the spread is scaled to 0, so it must be called.
    public override bool HasProgrammingError => Settings.ProgrammingScale > 0 || Settings.HasLevels;

    public bool HasExponents => false;
    public bool HasRelaxation => true;

    /// <summary>Conductance (uS) of level <paramref name="k"/> of <see cref="RramHfo2Settings.Levels"/>.</summary>
    public double LevelConductance(int k) => Gmin + (Gmax - Gmin) * k / (Settings.Levels - 1);

    /// <summary>The conductance (uS) a device aims at for <paramref name="target"/>: the nearest level with levels
    /// on, else the target itself.</summary>
    public double Aim(double target)
    {
        if (!Settings.HasLevels) return target;
        double fraction = Math.Clamp((target - Gmin) / (Gmax - Gmin), 0.0, 1.0);
        return LevelConductance((int)Math.Round(fraction * (Settings.Levels - 1), MidpointRounding.ToEven));
    }

    /// <summary>With levels on, the spread around the target's level (<see cref="Aim"/>), not around the target.</summary>
    public override double ProgrammingSigma(double target) => Settings.HasLevels
        ? Settings.LevelSpread * Aim(target) * Settings.ProgrammingScale
        : (C0 + C1 * target) * Settings.ProgrammingScale;

    public override double Program(double target, double z) => Math.Max(0.0, Aim(target) + ProgrammingSigma(target) * z);

    public double Exponent(double target, double z) => 0.0;

    /// <summary>Mean shift of the relaxation at time t (uS): <c>-0.08900206 ln(t) * DriftScale</c>.</summary>
    public double MeanShift(double time) => MeanShiftPerLn * Math.Log(time) * Settings.DriftScale;

    /// <summary>Spread of the relaxation at time t (uS): <c>(0.04201137 ln(t) + 0.41183342) * DriftScale</c>, its sign
    /// kept as aihwkit's (a negative factor on a symmetric normal is the same distribution).</summary>
    public double RelaxationSigma(double time) => (SpreadPerLn * Math.Log(time) + SpreadAtOneSecond) * Settings.DriftScale;

    /// <summary>Read-noise sigma (uS) of a relaxed conductance at time t.</summary>
    public double ReadSigma(double drifted, double time)
    {
        double log = Math.Log((time + Settings.TRead) / (2 * Settings.TRead));
        if (!(drifted > 0) || !(log > 0)) return 0.0;
        return ReadK * Math.Log10(drifted) * Math.Sqrt(log) * Settings.NoiseScale;
    }

    public double AtTime(double programmed, double exponent, double time, double noise, double relaxation)
    {
        if (time == 0) return programmed;
        double drifted = programmed + MeanShift(time) + RelaxationSigma(time) * relaxation;
        return Math.Clamp(drifted + ReadSigma(drifted, time) * noise, Gmin, Gmax);
    }
}
