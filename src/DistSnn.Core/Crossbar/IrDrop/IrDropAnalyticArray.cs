namespace DistSnn.Core.Crossbar.IrDrop;

/// <summary>
/// What the first-order model (<see cref="IrDropAnalytic"/>) needs of one array that does not depend on the input,
/// computed once when the array is programmed, so that a read is three weighted sums of the active rows, like the
/// tile's own row sums. Per row <c>a</c> and column <c>j</c>, per volt on the row (uS and V/uA as in the model):
/// <code>
///   G_aj                                   the ideal current
///   H_aj = G_aj (R_s S_a + R_w P_aj)       the row wire's share: S_a = sum_j G_aj, P_aj = sum_{k=1..j} (S_a - sum_{j'&lt;k} G_aj')
///   L_aj = G_aj Q_aj                       the column wire's share: Q_aj = sum_{k=a}^{rows-2} sum_{i&lt;=k} G_ij
/// </code>
/// (P is what the row segments up to cell j carry, Q what the column segments below row a carry, both per unit
/// current), and each column's total conductance <c>Gcol_j = sum_i G_ij</c>. G, H and L are kept as float (G is
/// float already; H and L are computed in double and rounded once), which halves what a read streams; the reader
/// sums them in double. Immutable, so one per array is shared by every reader and thread.
/// </summary>
public sealed class IrDropAnalyticArray
{
    private readonly float[] _rows;               // [rows][3][cols]: G, H, L of each row, side by side
    private readonly double[] _columnConductance;

    /// <param name="conductance">Device conductances in uS, row-major <c>[rows, cols]</c>.</param>
    /// <param name="settings">The circuit's resistances (the model's <see cref="IrDropSettings"/>).</param>
    public IrDropAnalyticArray(ReadOnlySpan<float> conductance, int rows, int cols, IrDropSettings settings)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(cols, 1);
        ArgumentNullException.ThrowIfNull(settings);
        if (conductance.Length != rows * cols) throw new ArgumentException("the conductances do not match rows x cols");
        Rows = rows;
        Cols = cols;
        Settings = settings;
        double rs = settings.SourceResistance * IrDropAnalytic.MicroToUnit, rw = settings.WireResistance * IrDropAnalytic.MicroToUnit;
        _columnConductance = new double[cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                _columnConductance[j] += conductance[i * cols + j];

        // Q_{rows-1} = 0 (below the last row there is no segment); Q_a = Q_{a+1} + (prefix sum to row a).
        var columnWeight = new double[rows * cols];
        var prefix = new double[cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
            {
                prefix[j] += conductance[i * cols + j];
                columnWeight[i * cols + j] = prefix[j];
            }
        for (int j = 0; j < cols; j++) columnWeight[(rows - 1) * cols + j] = 0;
        for (int i = rows - 2; i >= 0; i--)
            for (int j = 0; j < cols; j++)
                columnWeight[i * cols + j] += columnWeight[(i + 1) * cols + j];

        _rows = new float[rows * 3 * cols];
        for (int a = 0; a < rows; a++)
        {
            ReadOnlySpan<float> g = conductance.Slice(a * cols, cols);
            Span<float> ideal = _rows.AsSpan(a * 3 * cols, cols), row = _rows.AsSpan((a * 3 + 1) * cols, cols), leak = _rows.AsSpan((a * 3 + 2) * cols, cols);
            double rowSum = 0;
            for (int j = 0; j < cols; j++) rowSum += g[j];
            // before: the cells left of j; along: what segments 1..j carry, per volt.
            double before = 0, along = 0;
            for (int j = 0; j < cols; j++)
            {
                if (j > 0) along += rowSum - before;
                ideal[j] = g[j];
                row[j] = (float)(g[j] * (rs * rowSum + rw * along));
                leak[j] = (float)(g[j] * columnWeight[a * cols + j]);
                before += g[j];
            }
        }
    }

    public int Rows { get; }
    public int Cols { get; }
    public IrDropSettings Settings { get; }

    /// <summary>Row <paramref name="a"/>'s <c>G</c>, <c>H</c> and <c>L</c>, one after the other (<c>3 Cols</c> values).</summary>
    public ReadOnlySpan<float> Row(int a) => _rows.AsSpan(a * 3 * Cols, 3 * Cols);

    /// <summary><c>Gcol_j</c>, uS.</summary>
    public ReadOnlySpan<double> ColumnConductance => _columnConductance;
}
