namespace DistSnn.Core.Crossbar;

/// <summary>
/// How one layer's <c>W^T</c> (rows = inputs, columns = outputs) is cut into tiles of at most
/// <c>Rows x Cols</c>. Tiles are numbered row-major: <c>index = tileRow * TileCols + tileCol</c>; the tiles
/// of one column group (same tileCol) are summed in increasing tileRow.
/// </summary>
public sealed class TileGrid
{
    public TileGrid(int inputs, int outputs, TileSettings tile)
    {
        if (tile.Rows < 1 || tile.Cols < 1) throw new ArgumentOutOfRangeException(nameof(tile), "tile rows and cols must be at least 1");
        Inputs = inputs;
        Outputs = outputs;
        Rows = tile.Rows;
        Cols = tile.Cols;
        TileRows = (inputs + Rows - 1) / Rows;
        TileCols = (outputs + Cols - 1) / Cols;
    }

    public int Inputs { get; }
    public int Outputs { get; }

    /// <summary>Configured tile height (inputs per tile); edge tiles may use fewer.</summary>
    public int Rows { get; }

    /// <summary>Configured tile width (outputs per tile); edge tiles may use fewer.</summary>
    public int Cols { get; }

    public int TileRows { get; }
    public int TileCols { get; }
    public int Count => TileRows * TileCols;

    public int Index(int tileRow, int tileCol) => tileRow * TileCols + tileCol;

    public int RowStart(int tileRow) => tileRow * Rows;
    public int RowCount(int tileRow) => Math.Min(Rows, Inputs - tileRow * Rows);
    public int ColStart(int tileCol) => tileCol * Cols;
    public int ColCount(int tileCol) => Math.Min(Cols, Outputs - tileCol * Cols);
}
