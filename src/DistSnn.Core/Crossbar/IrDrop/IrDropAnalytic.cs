namespace DistSnn.Core.Crossbar.IrDrop;

/// <summary>
/// The fast IR-drop model: the first-order perturbation of the ideal currents in the parasitic resistances, from the
/// active rows only, O(active rows x cols) per read, allocation-free (scratch owned by the instance: one per thread).
/// <para>With the ideal device currents <c>I0_ij = G_ij V_i</c> (<c>V_i = x_i V_read</c>) every wire carries a known
/// current, so the node voltages follow to first order: row node <c>(i, j)</c> sits
/// <c>dVr_ij = R_s sum_j' I0_ij' + R_w sum_{k=1}^{j} sum_{j'&gt;=k} I0_ij'</c> below <c>V_i</c> (the source carries the
/// whole row, the segment into cell <c>k</c> the cells from <c>k</c> on), and column node <c>(i, j)</c> sits
/// <c>Vc_ij = R_k sum_i' I0_i'j + R_w sum_{k=i}^{rows-2} sum_{i'&lt;=k} I0_i'j</c> above 0 V. Every device, inactive
/// rows' included (they are driven at 0 V and take current out of the column), then carries
/// <c>G_ij (V_i - dVr_ij - Vc_ij)</c>, and the column current is
/// <c>I_j = I0_j - sum_active G_aj dVr_aj - R_k I0_j Gcol_j - R_w sum_active I0_aj Q_aj</c>, where the inactive rows'
/// share of the column term has been summed once per array into <c>Gcol</c> and <c>Q</c>
/// (<see cref="IrDropAnalyticArray"/>).</para>
/// <para>Resummation: the series <c>I_j = I0_j (1 - d_j + ...)</c> in the relative first-order drop
/// <c>d_j = (I0_j - I_j) / I0_j</c> is given as <c>I0_j / (1 + d_j)</c> (its [0/1] Pade form), which is exact for a single
/// cell (<c>I = V / (R_s + 1/G + R_k)</c>), equal to the first order as the resistances go to 0, and stays in
/// <c>(0, I0_j]</c> where the plain first order would go negative. <c>resummed: false</c> gives the plain first order.</para>
/// <para>Error against <see cref="IrDropSolver"/> (both second order in the resistances): the plain first order is off
/// by about <c>d^2 I0</c> (at most <c>2 d^2 I0_j</c> measured), the resummed form by far less. Measured over square
/// tiles of 16, 64 and 128 and 100 x 37, 0.1, 1 and 5 ohm per segment, 10 ohm source and sink, 0-25 uS and 10-50 % active
/// rows (the table in docs-irdrop.md, from IrDropAnalyticTests), the resummed column currents are within 0.1 % of the
/// solver's wherever the exact drop is under 10 %, within 1.5 % where it is under 25 %, and within 5 % at the
/// extreme 128 x 128 at 5 ohm (a drop near 50 %, where the plain first order is off by 70-85 %).</para>
/// </summary>
public sealed class IrDropAnalytic
{
    private const double MicroToUnit = 1e-6;

    private readonly double _rw, _rs, _rk; // ohm * 1e-6: volts per microampere
    private readonly double[] _ideal, _row, _leak;

    public IrDropAnalytic(int maxCols, IrDropSettings settings, bool resummed = true)
    {
        Resummed = resummed;
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCols, 1);
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        _rw = settings.WireResistance * MicroToUnit;
        _rs = settings.SourceResistance * MicroToUnit;
        _rk = settings.SinkResistance * MicroToUnit;
        _ideal = new double[maxCols];
        _row = new double[maxCols];
        _leak = new double[maxCols];
    }

    public IrDropSettings Settings { get; }

    /// <summary>Whether a read gives <c>I0 / (1 + d)</c> (true) or the plain first order <c>I0 (1 - d)</c>.</summary>
    public bool Resummed { get; }

    /// <summary>The first-order column currents of one array.</summary>
    /// <param name="input">Row inputs in [0, 1], <c>array.Rows</c> of them; rows at 0 cost nothing.</param>
    /// <param name="columnCurrent">Receives the current into each column's sink, in A (<c>array.Cols</c>).</param>
    public void Read(IrDropAnalyticArray array, ReadOnlySpan<float> input, Span<double> columnCurrent)
    {
        ArgumentNullException.ThrowIfNull(array);
        int rows = array.Rows, cols = array.Cols;
        if (input.Length != rows || columnCurrent.Length != cols) throw new ArgumentException("input or currents do not fit the array");
        if (cols > _ideal.Length) throw new ArgumentException($"{cols} columns do not fit this reader ({_ideal.Length})");
        Span<double> ideal = _ideal.AsSpan(0, cols), row = _row.AsSpan(0, cols), leak = _leak.AsSpan(0, cols);
        ideal.Clear();
        row.Clear();
        leak.Clear();
        ReadOnlySpan<float> conductance = array.Conductance;
        ReadOnlySpan<double> weight = array.ColumnWeight;
        double vread = Settings.ReadVoltage, rw = _rw, rs = _rs;
        for (int a = 0; a < rows; a++)
        {
            float x = input[a];
            if (x == 0f) continue;
            double v = x * vread;
            ReadOnlySpan<float> ga = conductance.Slice(a * cols, cols);
            ReadOnlySpan<double> qa = weight.Slice(a * cols, cols);
            double rowSum = 0;
            for (int j = 0; j < cols; j++) rowSum += ga[j];
            double rowCurrent = rowSum * v;
            // before: the ideal current of the cells left of j; along: sum over segments 1..j of what each carries.
            double before = 0, along = 0;
            for (int j = 0; j < cols; j++)
            {
                if (j > 0) along += rowCurrent - before;
                double current = ga[j] * v;
                double drop = rs * rowCurrent + rw * along;
                ideal[j] += current;
                row[j] += ga[j] * drop;
                leak[j] += current * qa[j];
                before += current;
            }
        }
        ReadOnlySpan<double> columnConductance = array.ColumnConductance;
        double rk = _rk;
        for (int j = 0; j < cols; j++)
        {
            double drop = row[j] + rk * ideal[j] * columnConductance[j] + rw * leak[j];
            // A column with no ideal current has no drop either (every term is a multiple of its active currents).
            double current = !Resummed ? ideal[j] - drop : ideal[j] > 0 ? ideal[j] * ideal[j] / (ideal[j] + drop) : 0;
            columnCurrent[j] = current * MicroToUnit;
        }
    }
}
