using DistSnn.Core.Crossbar;
using DistSnn.Core.Snn;

namespace DistSnn.Core.Study;

/// <summary>
/// A fault given as <c>exact: k</c> needs k items on the chip: checked against the model before any trial runs, so
/// the error names the key instead of failing a trial.
/// </summary>
public static class ExactFaultCheck
{
    /// <exception cref="InputException">A k above the chip's tiles, rows or columns at some point.</exception>
    public static void Check(StudySpec spec, SnnModel model)
    {
        foreach (StudyPoint point in spec.Points)
        {
            CrossbarSettings crossbar = point.Settings.Crossbar;
            TileGrid[] grids = model.Layers.Select(l => new TileGrid(l.Inputs, l.Outputs, crossbar.Tile)).ToArray();
            foreach (TileFaultKind kind in Enum.GetValues<TileFaultKind>())
            {
                if (ChipFaultSelection.Of(crossbar.Faults, kind).Exact is not { } k) continue;
                long items = ChipFaultSelection.ItemCount(grids, kind);
                if (k <= items) continue;
                string where = spec.Points.Count > 1 ? $" at sweep point {point.Index}" : "";
                throw new InputException(spec.Origin, $"crossbar.faults.{Key(kind)}.exact",
                    $"expected at most {items} (the chip's {ChipFaultSelection.Noun(kind)}, every layer), got {k}{where}");
            }
        }
    }

    /// <summary>The spec section of a kind: <c>dead_tiles</c>, <c>dead_rows</c>, <c>dead_columns</c>, <c>stuck_columns</c>.</summary>
    public static string Key(TileFaultKind kind) => kind switch
    {
        TileFaultKind.DeadTile => "dead_tiles",
        TileFaultKind.DeadRow => "dead_rows",
        TileFaultKind.DeadColumn => "dead_columns",
        _ => "stuck_columns",
    };
}
