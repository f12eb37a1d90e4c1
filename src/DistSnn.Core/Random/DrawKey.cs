namespace DistSnn.Core.Random;

/// <summary>
/// Names one random stream: what the draws are for and which chip, device group, sample and step they belong to
/// (DESIGN.md §3). Build it with <see cref="Chip"/> (drawn once per programming of a chip: fabrication and
/// programming) or <see cref="Read"/> (drawn every read: read noise, encoder, neurons), never positionally.
/// <para>Philox mapping: key = (seed, trial); counter = (block, c1, c2, scope:4 | layer:8 | tile:20) with
/// c1 = sample and c2 = step for per-read scopes, c1 = programming cycle and c2 = 0 for per-chip scopes (a chip
/// programmed again, as chip-in-the-loop training does, gets fresh draws in cycle 1, 2, ...).</para>
/// </summary>
public readonly record struct DrawKey
{
    private DrawKey(uint seed, int trial, RandomScope scope, int layer, int tile, int sampleOrCycle, int step)
    {
        if (trial < 0) throw new ArgumentOutOfRangeException(nameof(trial), "trial must not be negative");
        if ((uint)layer > 0xFF) throw new ArgumentOutOfRangeException(nameof(layer), "at most 256 layers");
        if ((uint)tile > 0xFFFFF) throw new ArgumentOutOfRangeException(nameof(tile), "at most 2^20 tiles per layer");
        if (sampleOrCycle < 0 || step < 0) throw new ArgumentOutOfRangeException(nameof(step), "sample, cycle and step must not be negative");
        Seed = seed;
        Trial = trial;
        Scope = scope;
        Layer = layer;
        Tile = tile;
        Word1 = (uint)sampleOrCycle;
        Word2 = (uint)step;
    }

    public uint Seed { get; }
    public int Trial { get; }
    public RandomScope Scope { get; }
    public int Layer { get; }
    public int Tile { get; }

    /// <summary>Counter word 1: the sample (per-read scopes) or the programming cycle (per-chip scopes).</summary>
    public uint Word1 { get; }

    /// <summary>Counter word 2: the time step (per-read scopes), 0 for per-chip scopes.</summary>
    public uint Word2 { get; }

    /// <summary>Counter word 3: scope, layer and tile packed.</summary>
    public uint Tag => ((uint)Scope << 28) | ((uint)Layer << 20) | (uint)Tile;

    /// <summary>A per-chip stream (fabrication faults, programming error) of one tile, for programming cycle <paramref name="cycle"/>.</summary>
    public static DrawKey Chip(uint seed, int trial, RandomScope scope, int layer, int tile, int cycle = 0)
    {
        if (scope is not (RandomScope.Fabrication or RandomScope.Programming))
            throw new ArgumentException($"{scope} is drawn per read, not per chip", nameof(scope));
        return new DrawKey(seed, trial, scope, layer, tile, cycle, 0);
    }

    /// <summary>A per-read stream (read noise, encoder spikes, membrane noise) of one sample at one time step.</summary>
    public static DrawKey Read(uint seed, int trial, RandomScope scope, int layer, int tile, int sample, int step)
    {
        if (scope is RandomScope.Fabrication or RandomScope.Programming)
            throw new ArgumentException($"{scope} is drawn per chip, not per read", nameof(scope));
        return new DrawKey(seed, trial, scope, layer, tile, sample, step);
    }

    public RandomStream Stream() => new(this);
}
