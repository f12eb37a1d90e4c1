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
    public DacSettings Dac { get; init; } = new();
    public IrDropSettings IrDrop { get; init; } = new();

    /// <summary>Seconds since the chip was programmed when it is read (the spec's <c>time</c>); only a drift model
    /// (<see cref="DeviceSettings.Drift"/>) makes it matter.</summary>
    public double Time { get; init; }

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
/// and silently becomes 0.2 %; here the default is 2 % and said.
/// </summary>
/// <param name="AcceptanceRange">Program-and-verify acceptance range in percent of the target: 2 or 0.2, the two
/// ranges the programming fit exists for.</param>
/// <param name="ProgrammingScale">Factor on the programming sigma (prog_noise_scale).</param>
/// <param name="DriftScale">Factor on the relaxation mean shift and spread (drift_scale).</param>
/// <param name="NoiseScale">Factor on the read-noise sigma at time t (read_noise_scale).</param>
/// <param name="TRead">Seconds of one read in the read-noise law (read_dict t_read).</param>
public sealed record RramHfo2Settings(double AcceptanceRange = 2.0, double ProgrammingScale = 1.0, double DriftScale = 1.0, double NoiseScale = 1.0, double TRead = 1e-6);

/// <summary>
/// Analog-to-digital converter at each tile column. A signed uniform quantiser with <c>2^bits - 1</c> levels on
/// <c>[-range, +range]</c> (zero is a level); values beyond the range clip and are counted.
/// </summary>
/// <param name="Bits">Resolution; 0 = ideal (no quantisation, no clipping).</param>
/// <param name="Range">Full scale in weight units (the current one active input contributes through weight w is w);
/// null = auto: per tile, the largest |column current| the ideal tile can produce with every input at 1.</param>
public sealed record AdcSettings(int Bits = 0, double? Range = null);

/// <summary>Digital-to-analog converter on the rows for direct (analog) inputs in [0, 1]: <c>2^bits</c> levels; 0 = ideal.</summary>
public sealed record DacSettings(int Bits = 0);

public enum IrDropModel
{
    None,
}

/// <summary>Parasitic wire resistance. Only <c>none</c> for now; the analytical and nodal models come later.</summary>
public sealed record IrDropSettings(IrDropModel Model = IrDropModel.None);
