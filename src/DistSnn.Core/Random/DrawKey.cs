namespace DistSnn.Core.Random;

/// <summary>
/// Names one random stream: what the draws are for and which chip, device group, sample and step they belong to
/// (DESIGN.md §3). Build it with <see cref="Chip"/> (drawn once per programming of a chip: fabrication and
/// programming, drift exponents), <see cref="AtTime"/> (drawn once per chip and time after programming: drift noise)
/// or <see cref="Read"/> (drawn every read: read noise, encoder, neurons), never positionally.
/// <para>Philox mapping: key = (seed, trial); counter = (block, c1, c2, scope:4 | layer:8 | tile:20) with
/// c1 = sample and c2 = step for per-read scopes, c1 = programming cycle and c2 = 0 for per-chip scopes (a chip
/// programmed again, as chip-in-the-loop training does, gets fresh draws in cycle 1, 2, ...), c1 = cycle and
/// c2 = <see cref="TimeWord"/> of the time for per-chip-and-time scopes.</para>
/// </summary>
public readonly record struct DrawKey
{
    private DrawKey(uint seed, int trial, RandomScope scope, int layer, int tile, int sampleOrCycle, int step)
        : this(seed, trial, scope, layer, tile, sampleOrCycle, step >= 0 ? (uint)step : throw new ArgumentOutOfRangeException(nameof(step), "step must not be negative"))
    {
    }

    private DrawKey(uint seed, int trial, RandomScope scope, int layer, int tile, int sampleOrCycle, uint word2)
    {
        if (trial < 0) throw new ArgumentOutOfRangeException(nameof(trial), "trial must not be negative");
        if ((uint)layer > 0xFF) throw new ArgumentOutOfRangeException(nameof(layer), "at most 256 layers");
        if ((uint)tile > 0xFFFFF) throw new ArgumentOutOfRangeException(nameof(tile), "at most 2^20 tiles per layer");
        if (sampleOrCycle < 0) throw new ArgumentOutOfRangeException(nameof(sampleOrCycle), "sample, cycle and step must not be negative");
        Seed = seed;
        Trial = trial;
        Scope = scope;
        Layer = layer;
        Tile = tile;
        Word1 = (uint)sampleOrCycle;
        Word2 = word2;
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

    /// <summary>A per-chip stream (fabrication faults, programming error, drift exponents) of one tile, for programming cycle <paramref name="cycle"/>.</summary>
    public static DrawKey Chip(uint seed, int trial, RandomScope scope, int layer, int tile, int cycle = 0)
    {
        if (!IsPerChip(scope))
            throw new ArgumentException($"{scope} is not drawn once per chip", nameof(scope));
        return new DrawKey(seed, trial, scope, layer, tile, cycle, 0);
    }

    /// <summary>
    /// A per-chip-and-time stream (accumulated drift noise, relaxation) of one tile at <paramref name="time"/> seconds
    /// after programming cycle <paramref name="cycle"/>: the same chip read at another time gets other draws, as a
    /// device measured again would.
    /// </summary>
    public static DrawKey AtTime(uint seed, int trial, RandomScope scope, int layer, int tile, double time, int cycle = 0)
    {
        if (scope is not (RandomScope.DriftNoise or RandomScope.DriftRelaxation))
            throw new ArgumentException($"{scope} is not drawn per chip and time", nameof(scope));
        return new DrawKey(seed, trial, scope, layer, tile, cycle, TimeWord(time));
    }

    /// <summary>A per-read stream (read noise, encoder spikes, membrane noise) of one sample at one time step.</summary>
    public static DrawKey Read(uint seed, int trial, RandomScope scope, int layer, int tile, int sample, int step)
    {
        if (IsPerChip(scope) || scope is RandomScope.DriftNoise or RandomScope.DriftRelaxation)
            throw new ArgumentException($"{scope} is drawn per chip, not per read", nameof(scope));
        return new DrawKey(seed, trial, scope, layer, tile, sample, step);
    }

    /// <summary>
    /// Counter word 2 of a time in seconds: the two halves of its IEEE bits folded by XOR, so every time written
    /// in a spec (0, 1, 3600, 86400, 1e7 ...) has its own word and 0 s has word 0.
    /// </summary>
    public static uint TimeWord(double time)
    {
        if (!(time >= 0) || double.IsInfinity(time)) throw new ArgumentOutOfRangeException(nameof(time), "time must be a finite number >= 0");
        ulong bits = BitConverter.DoubleToUInt64Bits(time + 0.0);   // + 0.0 makes -0 into +0
        return (uint)bits ^ (uint)(bits >> 32);
    }

    private static bool IsPerChip(RandomScope scope) => scope is RandomScope.Fabrication or RandomScope.Programming or RandomScope.DriftExponent
        or RandomScope.TileFaults or RandomScope.ChipFaults or RandomScope.ClusteredFaults or RandomScope.ColumnOffsets;

    public RandomStream Stream() => new(this);
}
