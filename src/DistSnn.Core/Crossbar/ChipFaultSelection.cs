using DistSnn.Core.Random;

namespace DistSnn.Core.Crossbar;

/// <summary>
/// The chip-wide choice of the faults given as <c>exact: k</c>: for each kind, k of the chip's items (tiles, or the
/// rows or columns of every tile of every layer) chosen uniformly without replacement. Every item gets a keyed
/// 32-bit draw (ChipFaults scope, element = the kind's base + the item's number in layer, tile, local order); the k
/// smallest are faulty, ties going to the lower number. A pure function of (seed, trial, grids, settings), so every
/// tile, wherever it is programmed, finds the same choice.
/// </summary>
public sealed class ChipFaultSelection
{
    private const long KindStride = 1L << 32;

    private readonly Dictionary<(TileFaultKind Kind, int Layer, int Tile), int[]> _chosen = new();

    /// <summary>No exact-k faults: nothing is chosen.</summary>
    public static ChipFaultSelection None { get; } = new();

    /// <summary>The choice for a chip of these layers' grids, or <see cref="None"/> when no fault is given as exact.</summary>
    /// <exception cref="ArgumentException">A k above the chip's items of that kind.</exception>
    public static ChipFaultSelection For(IReadOnlyList<TileGrid> grids, FaultSettings faults, uint seed, int trial)
    {
        if (!faults.AnyExact) return None;
        var kinds = Enum.GetValues<TileFaultKind>().Select(kind => (Kind: kind, Count: Of(faults, kind)));
        var selection = new ChipFaultSelection();
        RandomStream draws = DrawKey.Chip(seed, trial, RandomScope.ChipFaults, 0, 0).Stream();
        foreach (var (kind, count) in kinds)
        {
            if (count.Exact is not > 0) continue;
            int k = count.Exact.Value;
            var items = Items(grids, kind).ToList();
            if (k > items.Count)
                throw new ArgumentException($"exactly {k} faulty {Noun(kind)} asked of a chip that has {items.Count}");
            long kindBase = (long)kind * KindStride;
            var smallest = items
                .Select((item, number) => (Key: draws.Bits(kindBase + number), Number: number, item))
                .OrderBy(x => x.Key).ThenBy(x => x.Number)
                .Take(k);
            foreach (var group in smallest.GroupBy(x => (x.item.Layer, x.item.Tile)))
                selection._chosen[(kind, group.Key.Layer, group.Key.Tile)] = group.Select(x => x.item.Local).Order().ToArray();
        }
        return selection;
    }

    /// <summary>The items of tile (<paramref name="layer"/>, <paramref name="tile"/>) chosen for <paramref name="kind"/>
    /// (local row or column numbers; 0 for the tile itself), in increasing order.</summary>
    public IReadOnlyList<int> Chosen(TileFaultKind kind, int layer, int tile) =>
        _chosen.TryGetValue((kind, layer, tile), out int[]? items) ? items : [];

    /// <summary>How many items of <paramref name="kind"/> a chip of these grids has.</summary>
    public static long ItemCount(IReadOnlyList<TileGrid> grids, TileFaultKind kind) => grids.Sum(g => kind switch
    {
        TileFaultKind.DeadTile => (long)g.Count,
        TileFaultKind.DeadRow => (long)g.Inputs * g.TileCols,
        _ => (long)g.Outputs * g.TileRows,
    });

    /// <summary>The settings of <paramref name="kind"/>.</summary>
    public static TileFaultCount Of(FaultSettings faults, TileFaultKind kind) => kind switch
    {
        TileFaultKind.DeadTile => faults.DeadTiles,
        TileFaultKind.DeadRow => faults.DeadRows,
        TileFaultKind.DeadColumn => faults.DeadColumns,
        _ => faults.StuckColumns,
    };

    /// <summary>The noun of a kind's items, plural, for messages.</summary>
    public static string Noun(TileFaultKind kind) => kind switch
    {
        TileFaultKind.DeadTile => "tiles",
        TileFaultKind.DeadRow => "rows",
        _ => "columns",
    };

    /// <summary>Every item of the kind, in layer, tile, local order: a tile is one item, its rows or columns many.</summary>
    private static IEnumerable<(int Layer, int Tile, int Local)> Items(IReadOnlyList<TileGrid> grids, TileFaultKind kind)
    {
        for (int l = 0; l < grids.Count; l++)
        {
            TileGrid grid = grids[l];
            for (int tr = 0; tr < grid.TileRows; tr++)
                for (int tc = 0; tc < grid.TileCols; tc++)
                {
                    int n = kind switch
                    {
                        TileFaultKind.DeadTile => 1,
                        TileFaultKind.DeadRow => grid.RowCount(tr),
                        _ => grid.ColCount(tc),
                    };
                    for (int i = 0; i < n; i++) yield return (l, grid.Index(tr, tc), i);
                }
        }
    }
}
