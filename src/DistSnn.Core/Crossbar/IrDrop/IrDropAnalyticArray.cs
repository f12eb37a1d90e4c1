namespace DistSnn.Core.Crossbar.IrDrop;

/// <summary>
/// What the first-order model (<see cref="IrDropAnalytic"/>) needs of one array that does not depend on the input,
/// computed once when the array is programmed so that a read touches only the active rows: the conductances, each
/// column's total conductance <c>Gcol_j = sum_i G_ij</c> and the column-wire weights
/// <c>Q_aj = sum_{k=a}^{rows-2} P_kj</c> with <c>P_kj = sum_{i&lt;=k} G_ij</c> (uS). Immutable, so one per array is
/// shared by every reader and thread.
/// </summary>
public sealed class IrDropAnalyticArray
{
    private readonly float[] _conductance;
    private readonly double[] _columnConductance;
    private readonly double[] _columnWeight;

    /// <param name="conductance">Device conductances in uS, row-major <c>[rows, cols]</c>; copied.</param>
    public IrDropAnalyticArray(ReadOnlySpan<float> conductance, int rows, int cols)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(cols, 1);
        if (conductance.Length != rows * cols) throw new ArgumentException("the conductances do not match rows x cols");
        Rows = rows;
        Cols = cols;
        _conductance = conductance.ToArray();
        _columnConductance = new double[cols];
        _columnWeight = new double[rows * cols];
        var prefix = new double[cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                _columnConductance[j] += conductance[i * cols + j];
        // Q_{rows-1} = 0 (below the last row there is no segment); Q_a = Q_{a+1} + P_a, with P_a the prefix sum to row a.
        // The prefix sums run downwards and Q upwards, so P is kept for every row in Q's storage first.
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
            {
                prefix[j] += conductance[i * cols + j];
                _columnWeight[i * cols + j] = prefix[j];
            }
        for (int j = 0; j < cols; j++) _columnWeight[(rows - 1) * cols + j] = 0;
        for (int i = rows - 2; i >= 0; i--)
            for (int j = 0; j < cols; j++)
                _columnWeight[i * cols + j] += _columnWeight[(i + 1) * cols + j];
    }

    public int Rows { get; }
    public int Cols { get; }

    /// <summary>Device conductances in uS, row-major.</summary>
    public ReadOnlySpan<float> Conductance => _conductance;

    /// <summary><c>Gcol_j</c>, uS.</summary>
    public ReadOnlySpan<double> ColumnConductance => _columnConductance;

    /// <summary><c>Q_aj</c>, uS, row-major.</summary>
    public ReadOnlySpan<double> ColumnWeight => _columnWeight;
}
