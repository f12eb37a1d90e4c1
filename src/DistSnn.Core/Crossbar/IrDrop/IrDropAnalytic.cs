using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
/// rows (the table in README.md, "IR drop", from IrDropAnalyticTests), the resummed column currents are within 0.1 % of the
/// solver's wherever the exact drop is under 10 %, within 1.5 % where it is under 25 %, and within 5 % at the
/// extreme 128 x 128 at 5 ohm (a drop near 50 %, where the plain first order is off by 70-85 %).</para>
/// </summary>
public sealed class IrDropAnalytic
{
    /// <summary>Volts per microampere per ohm: the resistances' factor, and A per uA.</summary>
    internal const double MicroToUnit = 1e-6;

    private readonly double _rw, _rk; // ohm * 1e-6: volts per microampere
    private readonly double[] _sums; // [3][cols]: ideal, row-wire and column-wire sums of one read

    public IrDropAnalytic(int maxCols, IrDropSettings settings, bool resummed = true)
    {
        Resummed = resummed;
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCols, 1);
        ArgumentNullException.ThrowIfNull(settings);
        Settings = settings;
        _rw = settings.WireResistance * MicroToUnit;
        _rk = settings.SinkResistance * MicroToUnit;
        _sums = new double[3 * maxCols];
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
        if (3 * cols > _sums.Length) throw new ArgumentException($"{cols} columns do not fit this reader ({_sums.Length / 3})");
        if (array.Settings != Settings) throw new ArgumentException("the array was built for other IR-drop settings than this reader");
        // Each active row adds V_a times its G, H and L (IrDropAnalyticArray) to the three sums: element by element,
        // in row order, so every vector width gives the same bits.
        Span<double> sums = _sums.AsSpan(0, 3 * cols);
        sums.Clear();
        double vread = Settings.ReadVoltage;
        for (int a = 0; a < rows; a++)
        {
            float x = input[a];
            if (x == 0f) continue;
            AddScaled(sums, array.Row(a), x * vread);
        }
        ReadOnlySpan<double> ideal = sums[..cols], row = sums.Slice(cols, cols), leak = sums.Slice(2 * cols, cols);
        ReadOnlySpan<double> columnConductance = array.ColumnConductance;
        double rk = _rk, rw = _rw;
        for (int j = 0; j < cols; j++)
        {
            double i0 = ideal[j], drop = row[j] + rk * i0 * columnConductance[j] + rw * leak[j];
            // A column with no ideal current has no drop either (every term is a multiple of its active currents).
            double current = !Resummed ? i0 - drop : i0 > 0 ? i0 * i0 / (i0 + drop) : 0;
            columnCurrent[j] = current * MicroToUnit;
        }
    }

    /// <summary><c>sums[i] += v * values[i]</c> in double: a multiply then an add, never fused, in vectors where there
    /// are any (floats widened exactly), so every width gives the same bits.</summary>
    private static void AddScaled(Span<double> sums, ReadOnlySpan<float> values, double v)
    {
        int n = sums.Length, i = 0;
        if (values.Length < n) throw new ArgumentException("values must cover the sums");
        ref double sum = ref MemoryMarshal.GetReference(sums);
        ref float value = ref MemoryMarshal.GetReference(values);
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<double> scale = Vector512.Create(v);
            for (; i <= n - 16; i += 16)
            {
                Vector512<float> x = Vector512.LoadUnsafe(ref value, (nuint)i);
                (Vector512.LoadUnsafe(ref sum, (nuint)i) + scale * Vector512.WidenLower(x)).StoreUnsafe(ref sum, (nuint)i);
                (Vector512.LoadUnsafe(ref sum, (nuint)(i + 8)) + scale * Vector512.WidenUpper(x)).StoreUnsafe(ref sum, (nuint)(i + 8));
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Vector256<double> scale = Vector256.Create(v);
            for (; i <= n - 8; i += 8)
            {
                Vector256<float> x = Vector256.LoadUnsafe(ref value, (nuint)i);
                (Vector256.LoadUnsafe(ref sum, (nuint)i) + scale * Vector256.WidenLower(x)).StoreUnsafe(ref sum, (nuint)i);
                (Vector256.LoadUnsafe(ref sum, (nuint)(i + 4)) + scale * Vector256.WidenUpper(x)).StoreUnsafe(ref sum, (nuint)(i + 4));
            }
        }
        for (; i < n; i++) Unsafe.Add(ref sum, i) += v * Unsafe.Add(ref value, i);
    }
}
