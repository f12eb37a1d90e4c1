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

public sealed record DeviceSettings
{
    public ProgrammingSettings Programming { get; init; } = new();
    public ReadSettings Read { get; init; } = new();
}

/// <summary>Fabrication faults, drawn once per trial, independently for every device.</summary>
/// <param name="StuckOff">Probability that a device is stuck at gmin.</param>
/// <param name="StuckOn">Probability that a device is stuck at gmax.</param>
public sealed record FaultSettings(double StuckOff = 0.0, double StuckOn = 0.0);

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
