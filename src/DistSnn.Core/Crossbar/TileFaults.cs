using DistSnn.Core.Random;
using DistSnn.Core.Trial;

namespace DistSnn.Core.Crossbar;

/// <summary>
/// The tile-level faults of one programmed tile, decided when it is programmed and applied by the tile step at every
/// read from each fault's onset step on: a dead tile outputs nothing; a dead row's input never reaches its devices
/// (its spikes are masked, its analog input zeroed); a dead column outputs 0 (and adds no read noise); a stuck
/// column outputs <see cref="ProgrammedTile.StuckColumnCurrent"/>. Items given with a probability are drawn from the
/// tile's TileFaults stream (element 0: the tile; <see cref="RowBase"/> + r; <see cref="ColumnBase"/> + c;
/// <see cref="StuckBase"/> + c, with r and c the local row and column, so edge tiles do not shift the draws); items
/// given as exactly k come from the chip's <see cref="ChipFaultSelection"/>.
/// </summary>
public sealed class TileFaults
{
    public const long RowBase = 64, ColumnBase = RowBase + 4096, StuckBase = ColumnBase + 4096;

    /// <summary>Where a tile's clustered defect rate is drawn (<see cref="GammaVariate"/>): groups of its own.</summary>
    public const long ClusteredRateBase = 1L << 20;

    private TileFaults(FaultSettings settings) => Settings = settings;

    /// <summary>A healthy tile.</summary>
    public static TileFaults None { get; } = new(new FaultSettings());

    public FaultSettings Settings { get; }

    /// <summary>Whether the whole tile is dead (from <c>Settings.DeadTiles.Onset</c> on).</summary>
    public bool Dead { get; private init; }

    /// <summary>Dead rows as packed bits (bit r: local row r), or empty.</summary>
    public ulong[] DeadRowMask { get; private init; } = [];

    public int DeadRowCount { get; private init; }

    /// <summary>Dead and stuck columns (local), increasing.</summary>
    public int[] DeadColumns { get; private init; } = [];
    public int[] StuckColumns { get; private init; } = [];

    public bool Any => Dead || DeadRowCount > 0 || DeadColumns.Length > 0 || StuckColumns.Length > 0;

    /// <summary>Forced dead from the first step (<see cref="FaultSettings.KnockedOut"/>).</summary>
    public bool KnockedOut { get; private init; }

    /// <summary>The tile outputs nothing at <paramref name="step"/>.</summary>
    public bool DeadAt(int step) => Dead && (KnockedOut || Settings.DeadTiles.ActsAt(step));

    /// <summary>Some rows are cut at <paramref name="step"/>.</summary>
    public bool MasksRowsAt(int step) => DeadRowCount > 0 && Settings.DeadRows.ActsAt(step);

    /// <summary>Whether local row <paramref name="r"/> is dead (at or after its onset).</summary>
    public bool IsDeadRow(int r) => DeadRowCount > 0 && (DeadRowMask[r >> 6] >> (r & 63) & 1) != 0;

    /// <summary>Decides the faults of tile <paramref name="index"/> of <paramref name="layer"/> (<paramref name="rows"/> x <paramref name="cols"/>).</summary>
    public static TileFaults Resolve(FaultSettings settings, ChipFaultSelection selection, uint seed, int trial, int layer, int index, int rows, int cols)
    {
        if (!settings.AnyTileLevel) return None;
        RandomStream draws = DrawKey.Chip(seed, trial, RandomScope.TileFaults, layer, index).Stream();
        bool Hit(TileFaultCount count, long element) => count.Exact is null && count.Probability > 0 && NormalTransform.Uniform23(draws.Bits(element)) < count.Probability;

        bool knockedOut = settings.KnockedOut == new TileAddress(layer, index);
        bool dead = Hit(settings.DeadTiles, 0) || selection.Chosen(TileFaultKind.DeadTile, layer, index).Count > 0 || knockedOut;
        List<int> deadRows = Items(settings.DeadRows, TileFaultKind.DeadRow, rows, RowBase);
        List<int> deadColumns = Items(settings.DeadColumns, TileFaultKind.DeadColumn, cols, ColumnBase);
        List<int> stuckColumns = Items(settings.StuckColumns, TileFaultKind.StuckColumn, cols, StuckBase);
        if (!dead && deadRows.Count == 0 && deadColumns.Count == 0 && stuckColumns.Count == 0) return new TileFaults(settings);

        var mask = new ulong[deadRows.Count > 0 ? PackedSpikes.WordsFor(rows) : 0];
        foreach (int r in deadRows) mask[r >> 6] |= 1UL << (r & 63);
        return new TileFaults(settings)
        {
            Dead = dead,
            KnockedOut = knockedOut,
            DeadRowMask = mask,
            DeadRowCount = deadRows.Count,
            DeadColumns = [.. deadColumns],
            StuckColumns = [.. stuckColumns],
        };

        List<int> Items(TileFaultCount count, TileFaultKind kind, int n, long elementBase)
        {
            if (count.Exact is not null) return [.. selection.Chosen(kind, layer, index)];
            var hit = new List<int>();
            for (int i = 0; i < n; i++)
                if (Hit(count, elementBase + i)) hit.Add(i);
            return hit;
        }
    }

    /// <summary>Spikes of the live rows only: <paramref name="spikes"/> (<c>[samples, words]</c>) ANDed with the
    /// live-row mask into <paramref name="scratch"/>.</summary>
    public ReadOnlySpan<ulong> MaskRows(ReadOnlySpan<ulong> spikes, int samples, int words, Span<ulong> scratch)
    {
        for (int s = 0; s < samples; s++)
            for (int w = 0; w < words; w++)
                scratch[s * words + w] = spikes[s * words + w] & ~DeadRowMask[w];
        return scratch[..(samples * words)];
    }

    /// <summary>Analog inputs (<c>[samples, rows]</c>) with the dead rows' inputs zeroed, into <paramref name="scratch"/>.</summary>
    public ReadOnlySpan<float> MaskRows(ReadOnlySpan<float> inputs, int samples, int rows, Span<float> scratch)
    {
        inputs[..(samples * rows)].CopyTo(scratch);
        for (int s = 0; s < samples; s++)
            for (int r = 0; r < rows; r++)
                if (IsDeadRow(r)) scratch[s * rows + r] = 0f;
        return scratch[..(samples * rows)];
    }

    /// <summary>
    /// Dead columns to 0 and stuck columns to <paramref name="stuck"/> in each sample's currents, and (when the column
    /// group draws the noise) their variances to 0: a broken or stuck line carries no device noise.
    /// </summary>
    public void ApplyColumns(int step, Span<float> currents, Span<float> variances, int samples, int cols, float stuck)
    {
        bool dead = DeadColumns.Length > 0 && Settings.DeadColumns.ActsAt(step);
        bool stuckNow = StuckColumns.Length > 0 && Settings.StuckColumns.ActsAt(step);
        if (!dead && !stuckNow) return;
        for (int s = 0; s < samples; s++)
        {
            if (dead) Set(currents, variances, s * cols, DeadColumns, 0f);
            if (stuckNow) Set(currents, variances, s * cols, StuckColumns, stuck);
        }
    }

    private static void Set(Span<float> currents, Span<float> variances, int offset, int[] columns, float value)
    {
        foreach (int c in columns)
        {
            currents[offset + c] = value;
            if (!variances.IsEmpty) variances[offset + c] = 0f;
        }
    }
}
