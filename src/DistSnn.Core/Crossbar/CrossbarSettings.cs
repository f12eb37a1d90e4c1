namespace DistSnn.Core.Crossbar;

/// <summary>
/// Everything about the hardware a network is mapped onto. Nested immutable records, each with documented
/// defaults and units; the defaults describe ideal devices on 128 x 128 tiles.
/// </summary>
public sealed record CrossbarSettings
{
    public TileSettings Tile { get; init; } = new();
    public MappingSettings Mapping { get; init; } = new();
    public DeviceSettings Device { get; init; } = new();
    public FaultSettings Faults { get; init; } = new();
    public AdcSettings Adc { get; init; } = new();
    public PeripherySettings Periphery { get; init; } = new();
    public DacSettings Dac { get; init; } = new();
    public IrDropSettings IrDrop { get; init; } = new();

    /// <summary>Seconds since the chip was programmed when it is read (the spec's <c>time</c>); only a drift model
    /// (<see cref="DeviceSettings.Drift"/>) makes it matter.</summary>
    public double Time { get; init; }

    /// <summary>The settings of the tiles that per-tile overrides select (a heterogeneous chip); none by default.
    /// The settings inside have no overrides of their own.</summary>
    public TileOverrides Overrides { get; init; } = TileOverrides.None;

    public static CrossbarSettings Ideal { get; } = new();
}

/// <summary>Size of one crossbar array: <c>Rows</c> inputs by <c>Cols</c> outputs.</summary>
public sealed record TileSettings(int Rows = 128, int Cols = 128);

public enum ScaleMode
{
    /// <summary>One weight-to-conductance scale for the whole layer (the largest |w| of the layer maps to gmax).</summary>
    PerLayer,
    /// <summary>Each tile has its own scale (its own largest |w| maps to gmax), undone digitally after the tile.</summary>
    PerTile,
}

/// <summary>
/// How weights become differential conductance pairs:
/// <c>G+ = gmin + (gmax - gmin) * max(w, 0) / wmax</c>, <c>G- = gmin + (gmax - gmin) * max(-w, 0) / wmax</c>.
/// </summary>
/// <param name="Gmin">Lowest programmable conductance, microsiemens.</param>
/// <param name="Gmax">Highest programmable conductance, microsiemens.</param>
/// <param name="Scale">Where wmax is taken: per layer or per tile.</param>
/// <param name="Levels">Number of programmable conductance levels between gmin and gmax; 0 = continuous.</param>
public sealed record MappingSettings(double Gmin = 0.0, double Gmax = 25.0, ScaleMode Scale = ScaleMode.PerLayer, int Levels = 0);

public enum NoiseModel
{
    /// <summary><c>G (1 + sigma z)</c>: relative spread.</summary>
    Proportional,
    /// <summary><c>G + sigma z</c>: absolute spread in microsiemens.</summary>
    Additive,
}

/// <summary>Programming error, drawn once per trial (one virtual chip); the result is clamped at 0 uS.</summary>
public sealed record ProgrammingSettings(NoiseModel Model = NoiseModel.Proportional, double Sigma = 0.0);

public enum ReadNoisePath
{
    /// <summary>One Gaussian per column and read: exact in distribution for Gaussian device noise, O(columns).</summary>
    Column,
    /// <summary>One Gaussian per device and read: the oracle, O(devices).</summary>
    Device,
}

/// <summary>Read noise, redrawn at every read (each time step of each sample); not clamped.</summary>
public sealed record ReadSettings(NoiseModel Model = NoiseModel.Proportional, double Sigma = 0.0, ReadNoisePath Path = ReadNoisePath.Column);

/// <summary>
/// The devices of a tile: which model programs them (the <see cref="Preset"/>), how they drift and are read.
/// <see cref="Programming"/> applies to the generic preset only; the pcm and rram-hfo2 presets take their own
/// calibrated parameters (<see cref="Pcm"/>, <see cref="RramHfo2"/>). Read noise applies with every preset.
/// </summary>
public sealed record DeviceSettings
{
    public DevicePreset Preset { get; init; } = DevicePreset.Generic;
    public ProgrammingSettings Programming { get; init; } = new();
    public ReadSettings Read { get; init; } = new();
    public DriftSettings Drift { get; init; } = new();
    public PcmSettings Pcm { get; init; } = new();
    public RramHfo2Settings RramHfo2 { get; init; } = new();
}

/// <summary>Which device model programs a tile (<c>crossbar.device.preset</c>); see <see cref="Devices.DeviceModel"/>.</summary>
public enum DevicePreset
{
    /// <summary>No programming error and no drift: devices take their target conductance.</summary>
    Ideal,
    /// <summary>Today's Gaussian programming error, proportional or additive (<see cref="ProgrammingSettings"/>).</summary>
    Generic,
    /// <summary>aihwkit's PCMLikeNoiseModel: calibrated programming error, drift and 1/f noise (<see cref="Devices.PcmDevice"/>).</summary>
    Pcm,
    /// <summary>aihwkit's ReRamCMONoiseModel, CMO/HfOx ReRAM on 9 .. 88.2 uS (<see cref="Devices.RramHfo2Device"/>).</summary>
    RramHfo2,
}

/// <summary>Which law moves a programmed conductance with time (<c>crossbar.device.drift.model</c>).</summary>
public enum DriftModelKind
{
    None,
    /// <summary>Power-law drift with per-device exponents and accumulated 1/f noise (<see cref="Devices.PcmDevice"/>).</summary>
    Pcm,
    /// <summary>Log-time relaxation and read noise, independent of the target (<see cref="Devices.RramHfo2Device"/>).</summary>
    RramHfo2,
}

/// <summary>How the periphery undoes drift (<c>crossbar.device.drift.compensation</c>).</summary>
public enum DriftCompensationKind
{
    None,
    /// <summary>One digital scale per tile from a calibration read (<see cref="Devices.GlobalDriftCompensation"/>).</summary>
    Global,
}

/// <summary>Drift after programming; the time is <see cref="CrossbarSettings.Time"/>.</summary>
/// <param name="Model">The drift law; a preset with one turns it on unless the spec says otherwise.</param>
/// <param name="Compensation">Global drift compensation or none.</param>
public sealed record DriftSettings(DriftModelKind Model = DriftModelKind.None, DriftCompensationKind Compensation = DriftCompensationKind.None);

/// <summary>
/// Parameters of the PCM model (aihwkit's <c>PCMLikeNoiseModel</c>, Nandakumar et al., ICECS 2019), each
/// defaulting to aihwkit's value: the three scales multiply the programming sigma, the drift exponents and the
/// accumulated-noise sigma.
/// </summary>
/// <param name="ProgrammingScale">Factor on the programming sigma (aihwkit's prog_noise_scale).</param>
/// <param name="DriftScale">Factor on every drift exponent nu (drift_scale).</param>
/// <param name="NoiseScale">Factor on the accumulated 1/f noise sigma (read_noise_scale).</param>
/// <param name="T0">Seconds from the end of programming to the first read the drift law is fitted from (t_0).</param>
/// <param name="TRead">Seconds of one read, the 1/f noise fit's parameter (t_read).</param>
public sealed record PcmSettings(double ProgrammingScale = 1.0, double DriftScale = 1.0, double NoiseScale = 1.0, double T0 = 20.0, double TRead = 250e-9);

/// <summary>
/// Parameters of the CMO/HfOx ReRAM model (aihwkit's <c>ReRamCMONoiseModel</c>), each defaulting to aihwkit's
/// value, except the acceptance range: aihwkit's constructor default (2e-2) is not a key of its coefficient table
/// and silently becomes 0.2 %; here the default is 2 % and said. <see cref="Levels"/> and
/// <see cref="LevelSpread"/> are this project's addition, not aihwkit's: multi-level programming after the 65 nm
/// HfO2 RRAM of Charan et al. (DAC 2020), off unless the spec sets <c>levels</c>.
/// </summary>
/// <param name="AcceptanceRange">Program-and-verify acceptance range in percent of the target: 2 or 0.2, the two
/// ranges the programming fit exists for. Not used with <see cref="Levels"/> on.</param>
/// <param name="ProgrammingScale">Factor on the programming sigma (prog_noise_scale); with levels on, on the
/// level spread.</param>
/// <param name="DriftScale">Factor on the relaxation mean shift and spread (drift_scale).</param>
/// <param name="NoiseScale">Factor on the read-noise sigma at time t (read_noise_scale).</param>
/// <param name="TRead">Seconds of one read in the read-noise law (read_dict t_read).</param>
/// <param name="Levels">0: continuous programming (aihwkit's model). N &gt;= 2: each device is programmed to the
/// nearest of N conductance levels equally spaced on [gmin, gmax] (Charan et al. report 10).</param>
/// <param name="LevelSpread">Relative standard deviation of a device around its level (sigma / G_level); the
/// default 0.5 is the "50 % variance" of Charan et al.'s abstract read as a relative sigma (see
/// <see cref="Devices.RramHfo2Device"/>). Used only with <see cref="Levels"/> on.</param>
public sealed record RramHfo2Settings(
    double AcceptanceRange = 2.0, double ProgrammingScale = 1.0, double DriftScale = 1.0, double NoiseScale = 1.0, double TRead = 1e-6,
    int Levels = 0, double LevelSpread = RramHfo2Settings.DefaultLevelSpread)
{
    public const double DefaultLevelSpread = 0.5;

    /// <summary>Whether devices are programmed to discrete levels rather than continuously.</summary>
    public bool HasLevels => Levels >= 2;
}

/// <summary>
/// Analog-to-digital converter at each tile column. A signed uniform quantiser with <c>2^bits - 1</c> levels on
/// <c>[-range, +range]</c> (zero is a level); values beyond the range clip and are counted.
/// </summary>
/// <param name="Bits">Resolution; 0 = ideal (no quantisation, no clipping).</param>
/// <param name="Range">Full scale in weight units (the current one active input contributes through weight w is w);
/// null = auto: per tile, the largest |column current| the ideal tile can produce with every input at 1.</param>
/// <param name="Calibration">Non-null = calibrated: per tile, a percentile of the |column currents| the ideal network
/// produces on a calibration set. The trial plan runs it once per sweep point and programs each tile with its
/// range as <see cref="Range"/> (<see cref="Trial.TrialPlan.ProgramTile"/>).</param>
public sealed record AdcSettings(int Bits = 0, double? Range = null, AdcCalibrationSettings? Calibration = null);

/// <summary>
/// The column periphery's own errors, each a fraction of the tile's full scale (the ADC's range, or with an ideal
/// ADC the tile's largest ideal column current), added to the column current before the ADC.
/// </summary>
/// <param name="OutputNoise">Sigma of a Gaussian drawn at every read for every column (sense amplifier noise).</param>
/// <param name="Offset">Sigma of a per-column offset drawn once per chip (fabrication) and added at every read.</param>
public sealed record PeripherySettings(double OutputNoise = 0.0, double Offset = 0.0)
{
    public bool IsOn => OutputNoise > 0 || Offset > 0;
}

/// <summary>Digital-to-analog converter on the rows for direct (analog) inputs in [0, 1]: <c>2^bits</c> levels; 0 = ideal.</summary>
public sealed record DacSettings(int Bits = 0);

public enum IrDropModel
{
    /// <summary>Ideal wires: the column current is <c>sum_i x_i G_ij</c>.</summary>
    None,
    /// <summary>First-order perturbation from the active rows (<see cref="IrDrop.IrDropAnalytic"/>).</summary>
    Analytic,
    /// <summary>Exact nodal solution of the wire network per read (<see cref="IrDrop.IrDropSolver"/>).</summary>
    Solver,
}

/// <summary>
/// Parasitic resistance of a tile (the circuit of DESIGN.md, "The IR-drop circuit"): each row wire is driven at its
/// column-0 end by <c>x_i * ReadVoltage</c> through <c>SourceResistance</c>, each column wire is sensed at its last-row
/// end into a virtual ground through <c>SinkResistance</c>, and neighbouring cells are joined by one segment of
/// <c>WireResistance</c>. <c>new IrDropSettings()</c> is model none; the resistances then do nothing.
/// <para>Defaults, for a 128 x 128 tile in a modern back end of line: <c>WireResistance</c> 1 ohm per segment
/// (copper with size effects, rho about 3 uOhm cm, a 50 nm x 100 nm wire over a cell pitch of about 170 nm:
/// 3e-8 * 1.7e-7 / 5e-15 = 1.0 ohm); <c>SourceResistance</c> and <c>SinkResistance</c> 10 ohm each (the output
/// resistance of a buffered row driver and the input resistance of a column transimpedance amplifier held at virtual
/// ground by feedback: a few to tens of ohm); <c>ReadVoltage</c> 0.2 V (reads of ReRAM and PCM stay at 0.1-0.3 V to
/// avoid disturbing the cells). With linear devices the IR drop relative to the ideal current does not depend on the
/// read voltage: it only sets the absolute currents.</para>
/// </summary>
/// <param name="Model">Which IR-drop model a read uses.</param>
/// <param name="WireResistance">Ohm per wire segment between neighbouring cells; finite, at least 0 (0 = ideal wires).</param>
/// <param name="SourceResistance">Ohm between a row's driver and its first cell; finite, at least 0.</param>
/// <param name="SinkResistance">Ohm between a column's last cell and its virtual ground; finite, at least 0.</param>
/// <param name="ReadVoltage">Volt on a row whose input is 1; finite, above 0.</param>
public sealed record IrDropSettings(
    IrDropModel Model = IrDropModel.None,
    double WireResistance = IrDropSettings.DefaultWireResistance,
    double SourceResistance = IrDropSettings.DefaultSourceResistance,
    double SinkResistance = IrDropSettings.DefaultSinkResistance,
    double ReadVoltage = IrDropSettings.DefaultReadVoltage)
{
    public const double DefaultWireResistance = 1.0;
    public const double DefaultSourceResistance = 10.0;
    public const double DefaultSinkResistance = 10.0;
    public const double DefaultReadVoltage = 0.2;

    // Checked here, in the constructor and in `with`, so no model ever sees a negative or infinite resistance.
    private readonly double _wire = Resistance(WireResistance, nameof(WireResistance));
    private readonly double _source = Resistance(SourceResistance, nameof(SourceResistance));
    private readonly double _sink = Resistance(SinkResistance, nameof(SinkResistance));
    private readonly double _voltage = Voltage(ReadVoltage);

    public double WireResistance { get => _wire; init => _wire = Resistance(value, nameof(WireResistance)); }
    public double SourceResistance { get => _source; init => _source = Resistance(value, nameof(SourceResistance)); }
    public double SinkResistance { get => _sink; init => _sink = Resistance(value, nameof(SinkResistance)); }
    public double ReadVoltage { get => _voltage; init => _voltage = Voltage(value); }

    /// <summary>True when every resistance is 0: both models then give the ideal <c>sum_i x_i G_ij</c>.</summary>
    public bool IsIdealCircuit => _wire == 0 && _source == 0 && _sink == 0;

    private static double Resistance(double ohm, string name) =>
        double.IsFinite(ohm) && ohm >= 0 ? ohm : throw new ArgumentOutOfRangeException(name, ohm, "a resistance in ohm must be finite and at least 0");

    private static double Voltage(double volt) =>
        double.IsFinite(volt) && volt > 0 ? volt : throw new ArgumentOutOfRangeException(nameof(ReadVoltage), volt, "the read voltage must be finite and above 0 V");
}
