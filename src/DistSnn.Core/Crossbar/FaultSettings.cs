namespace DistSnn.Core.Crossbar;

/// <summary>
/// Fabrication faults, drawn once per trial (one virtual chip): per-device stuck-at faults, independent or clustered
/// per tile, and tile-level faults (dead tiles, rows and columns, columns stuck at the ADC's full scale), each
/// either with a probability per item or exactly k per chip, and each from an onset time step on.
/// </summary>
/// <param name="StuckOff">Probability that a device is stuck at gmin.</param>
/// <param name="StuckOn">Probability that a device is stuck at gmax.</param>
public sealed record FaultSettings(double StuckOff = 0.0, double StuckOn = 0.0)
{
    /// <summary>Tiles that output nothing (every column current 0, no conversion).</summary>
    public TileFaultCount DeadTiles { get; init; } = new();

    /// <summary>Tile rows (input lines) that conduct nothing: their devices never add to a column.</summary>
    public TileFaultCount DeadRows { get; init; } = new();

    /// <summary>Tile columns (sense lines) that output 0.</summary>
    public TileFaultCount DeadColumns { get; init; } = new();

    /// <summary>Tile columns whose output is stuck at the ADC's positive full scale (with an ideal ADC: the tile's
    /// automatic full scale, its largest ideal column current).</summary>
    public TileFaultCount StuckColumns { get; init; } = new();

    /// <summary>Clustered stuck-at defects: a defect rate per tile from a Gamma distribution.</summary>
    public ClusteredFaultSettings Clustered { get; init; } = new();

    /// <summary>One tile forced dead at every step: how <c>distsnn criticality</c> asks what a tile is worth. Not a spec key.</summary>
    public TileAddress? KnockedOut { get; init; }

    /// <summary>Whether any device is stuck (independently or clustered).</summary>
    public bool AnyStuck => StuckOff > 0 || StuckOn > 0 || Clustered.Mean > 0;

    /// <summary>Whether any tile-level fault is given as exactly k per chip (<see cref="ChipFaultSelection"/>).</summary>
    public bool AnyExact => DeadTiles.Exact > 0 || DeadRows.Exact > 0 || DeadColumns.Exact > 0 || StuckColumns.Exact > 0;

    /// <summary>Whether any tile-level fault is on.</summary>
    public bool AnyTileLevel => DeadTiles.IsOn || DeadRows.IsOn || DeadColumns.IsOn || StuckColumns.IsOn || KnockedOut is not null;
}

/// <summary>Tile <paramref name="Tile"/> (row-major over the grid) of layer <paramref name="Layer"/>.</summary>
public readonly record struct TileAddress(int Layer, int Tile);

/// <summary>
/// How many items (tiles, rows or columns) of a chip a tile-level fault hits: each independently with
/// <paramref name="Probability"/>, or <paramref name="Exact"/> of them, chosen uniformly among all of the chip's
/// items of that kind (every layer). The fault is present from time step <paramref name="Onset"/> of every sample
/// on (0: from the start); before it the item works.
/// </summary>
public sealed record TileFaultCount(double Probability = 0.0, int? Exact = null, int Onset = 0)
{
    public bool IsOn => Probability > 0 || Exact > 0;

    /// <summary>Whether the fault acts at <paramref name="step"/>.</summary>
    public bool ActsAt(int step) => step >= Onset;
}

/// <summary>
/// Clustered stuck-at defects (the spatial clustering of yield models): each tile draws one defect rate
/// <c>lambda ~ Gamma(shape, mean / shape)</c> (mean <paramref name="Mean"/>, variance <c>mean^2 / shape</c>), shared by
/// its positive and negative arrays; each device is then defective with probability <c>min(lambda, 1)</c>, and a
/// defective device is stuck at gmax with probability <paramref name="OnFraction"/>, else at gmin. Small shapes mean
/// strong clustering (a few tiles carry most defects); a large shape approaches independent faults of rate mean.
/// </summary>
public sealed record ClusteredFaultSettings(double Mean = 0.0, double Shape = 1.0, double OnFraction = 0.0);
