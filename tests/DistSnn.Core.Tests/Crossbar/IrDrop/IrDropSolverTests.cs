using DistSnn.Core.Crossbar;
using DistSnn.Core.Crossbar.IrDrop;

namespace DistSnn.Core.Tests.Crossbar.IrDrop;

public class IrDropSolverTests
{
    private const double Vread = 0.2;

    private static double[] Solve(IrDropSettings s, int rows, int cols, float[] g, float[] x)
    {
        var solver = new IrDropSolver(rows, cols, s);
        var current = new double[cols];
        solver.Solve(g, x, current);
        return current;
    }

    private static IrDropSettings Circuit(double wire, double source, double sink) => new(IrDropModel.Solver, wire, source, sink, Vread);

    private static void Close(double expected, double actual, double relative = 1e-9) =>
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");

    [Theory]
    [InlineData(1.0, 10.0, 10.0)]
    [InlineData(0.0, 10.0, 10.0)]
    [InlineData(5.0, 0.0, 20.0)]
    [InlineData(5.0, 30.0, 0.0)]
    [InlineData(0.0, 0.0, 0.0)]
    public void One_cell_is_source_device_and_sink_in_series(double wire, double source, double sink)
    {
        // 1 x 1: no wire segment at all (none between source and cell, none between cell and sink), so
        // I = V / (Rs + 1/G + Rk) whatever the wire resistance; 1/G = 1e6 / G[uS] ohm.
        const float g = 20f;
        var current = Solve(Circuit(wire, source, sink), 1, 1, [g], [0.75f]);
        double v = 0.75 * Vread;
        Close(v / (source + 1e6 / g + sink), current[0]);
    }

    [Fact]
    public void Two_by_two_one_active_row_is_a_ladder()
    {
        // Row 0 active with G00, G01; row 1's devices are 0 (it carries nothing). Column j is then one branch from row
        // node (0, j): the device, the column segment from row 0 down to row 1, and the sink, R_j = 1/G0j + Rw + Rk.
        // Row node (0, 1) hangs off (0, 0) through one row segment: R_a = Rw + R_1. At (0, 0): R_p = R_0 || R_a,
        // V00 = V R_p / (Rs + R_p); I_0 = V00 / R_0; V01 = V00 R_1 / R_a; I_1 = V01 / R_1.
        double rw = 3, rs = 7, rk = 11;
        float g00 = 25f, g01 = 10f;
        var current = Solve(Circuit(rw, rs, rk), 2, 2, [g00, g01, 0f, 0f], [1f, 0f]);
        double r0 = 1e6 / g00 + rw + rk, r1 = 1e6 / g01 + rw + rk, ra = rw + r1;
        double rp = r0 * ra / (r0 + ra);
        double v00 = Vread * rp / (rs + rp);
        Close(v00 / r0, current[0]);
        Close(v00 * (r1 / ra) / r1, current[1]);
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(0f)]
    public void Two_by_two_one_column_adds_two_rows_on_its_wire(float x1)
    {
        // Only column 0 has devices (G00, G10); column 1 carries nothing. Row i reaches column node (i, 0) through its
        // source and its device, a branch of conductance h_i = 1/(Rs + 1/Gi0) driven by V_i (row 1 at 0 V when inactive,
        // so its branch takes current out of the column: it is driven, not floating). Column node (0, 0) joins (1, 0)
        // through one segment (1/Rw), which sits over the sink (gk = 1/Rk). Branch 0 and the segment in series: s = h0
        // (1/Rw) / (h0 + 1/Rw). KCL at (1, 0): s (V0 - c) + h1 (V1 - c) = gk c, so c = (s V0 + h1 V1) / (s + h1 + gk), I = gk c.
        double rw = 2, rs = 5, rk = 9;
        float g00 = 18f, g10 = 24f;
        var current = Solve(Circuit(rw, rs, rk), 2, 2, [g00, 0f, g10, 0f], [1f, x1]);
        double h0 = 1 / (rs + 1e6 / g00), h1 = 1 / (rs + 1e6 / g10), a = 1 / rw, gk = 1 / rk;
        double s = h0 * a / (h0 + a);
        double v0 = Vread, v1 = x1 * Vread;
        double c = (s * v0 + h1 * v1) / (s + h1 + gk);
        Close(gk * c, current[0]);
        Assert.Equal(0.0, current[1]);
    }

    [Fact]
    public void Two_by_two_with_ideal_source_and_sink_splits_into_series_paths()
    {
        // Rs = Rk = 0: row node (i, 0) is V_i and column node (1, j) is 0 V, which cuts the network into series paths:
        // (0,0): V0 -G00- c00 -Rw- 0 V:           I = V0 / (1/G00 + Rw)
        // (1,0): V1 -G10- 0 V:                    I = V1 G10
        // (0,1): V0 -Rw- r01 -G01- c01 -Rw- 0 V:  I = V0 / (2 Rw + 1/G01)
        // (1,1): V1 -Rw- r11 -G11- 0 V:           I = V1 / (Rw + 1/G11)
        double rw = 4;
        float g00 = 5f, g01 = 12f, g10 = 20f, g11 = 25f;
        double v0 = 0.5 * Vread, v1 = Vread;
        var current = Solve(Circuit(rw, 0, 0), 2, 2, [g00, g01, g10, g11], [0.5f, 1f]);
        Close(v0 / (1e6 / g00 + rw) + v1 * g10 * 1e-6, current[0]);
        Close(v0 / (2 * rw + 1e6 / g01) + v1 / (rw + 1e6 / g11), current[1]);
    }

    [Fact]
    public void Zero_wire_resistance_merges_each_wire_into_one_node()
    {
        // Rw = 0, two rows and one column: rows i reach the single column node through h_i = 1/(Rs + 1/G_i), the
        // column node reaches 0 V through Rk: c = (h0 V0 + h1 V1) / (h0 + h1 + gk), I = gk c.
        double rs = 6, rk = 8;
        float g0 = 15f, g1 = 22f;
        var column = Solve(Circuit(0, rs, rk), 2, 1, [g0, g1], [1f, 0.25f]);
        double h0 = 1 / (rs + 1e6 / g0), h1 = 1 / (rs + 1e6 / g1), gk = 1 / rk;
        Close(gk * (h0 * Vread + h1 * 0.25 * Vread) / (h0 + h1 + gk), column[0]);

        // One row and two columns: the single row node r = gs V / (gs + s_0 + s_1) with s_j = 1/(1/G_j + Rk); I_j = s_j r.
        var row = Solve(Circuit(0, rs, rk), 1, 2, [g0, g1], [1f]);
        double s0 = 1 / (1e6 / g0 + rk), s1 = 1 / (1e6 / g1 + rk), gs = 1 / rs;
        double r = gs * Vread / (gs + s0 + s1);
        Close(s0 * r, row[0]);
        Close(s1 * r, row[1]);
    }

    [Theory]
    [InlineData(16, 16)]
    [InlineData(100, 37)]
    public void All_resistances_zero_give_the_ideal_sum(int rows, int cols)
    {
        var (g, x) = RandomArray(rows, cols, 0.3, new System.Random(5));
        var current = Solve(Circuit(0, 0, 0), rows, cols, g, x);
        for (int j = 0; j < cols; j++)
        {
            double ideal = 0;
            for (int i = 0; i < rows; i++) ideal += (double)x[i] * g[i * cols + j];
            // Currents are V_read * 1e-6 * sum x G computed in double: the sum itself to double rounding.
            Close(ideal, current[j] / (Vread * 1e-6), 1e-13);
        }
    }

    [Theory]
    [InlineData(2.0, 5.0, 3.0)]
    [InlineData(0.1, 0.0, 10.0)]
    [InlineData(5.0, 10.0, 0.0)]
    public void Kirchhoff_current_law_holds_at_every_node(double rw, double rs, double rk)
    {
        const int rows = 16, cols = 16;
        var (g, x) = RandomArray(rows, cols, 0.5, new System.Random(11));
        var solver = new IrDropSolver(rows, cols, Circuit(rw, rs, rk));
        var current = new double[cols];
        solver.Solve(g, x, current);

        // Recomputed here from the node voltages alone, branch by branch, in amperes: the net current into every
        // node that is not held by an ideal source or sink is 0.
        double Row(int i, int j) => solver.RowNodeVoltage(i, j);
        double Col(int i, int j) => solver.ColumnNodeVoltage(i, j);
        double gw = 1 / rw, largest = 0, worst = 0;
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                largest = Math.Max(largest, g[i * cols + j] * 1e-6 * Vread);
        double source = 0, sink = 0;
        for (int i = 0; i < rows; i++)
        {
            double vi = x[i] * Vread;
            double fromSource = rs > 0 ? (vi - Row(i, 0)) / rs : double.NaN;
            for (int j = 0; j < cols; j++)
            {
                double device = g[i * cols + j] * 1e-6 * (Row(i, j) - Col(i, j));
                double netRow = -device;
                if (j > 0) netRow += gw * (Row(i, j - 1) - Row(i, j));
                if (j < cols - 1) netRow += gw * (Row(i, j + 1) - Row(i, j));
                if (j == 0)
                {
                    if (rs > 0) netRow += fromSource;
                    else
                    {
                        Assert.Equal(vi, Row(i, 0));
                        fromSource = -netRow; // what the ideal source delivers balances the node
                        netRow = 0;
                    }
                }
                worst = Math.Max(worst, Math.Abs(netRow));

                double netCol = device;
                if (i > 0) netCol += gw * (Col(i - 1, j) - Col(i, j));
                if (i < rows - 1) netCol += gw * (Col(i + 1, j) - Col(i, j));
                if (i == rows - 1)
                {
                    double toSink;
                    if (rk > 0) toSink = Col(i, j) / rk;
                    else
                    {
                        Assert.Equal(0.0, Col(i, j));
                        toSink = netCol;
                    }
                    netCol -= toSink;
                    sink += toSink;
                    Close(toSink, current[j], 1e-8);
                }
                worst = Math.Max(worst, Math.Abs(netCol));
            }
            source += fromSource;
        }
        Assert.True(worst <= 1e-9 * largest, $"largest KCL imbalance {worst:G3} A against device currents up to {largest:G3} A");
        Close(source, sink, 1e-8);
        Assert.True(solver.LastRelativeResidual <= IrDropSolver.DefaultTolerance);
    }

    [Fact]
    public void More_wire_resistance_never_increases_a_column_current()
    {
        const int rows = 32, cols = 24;
        var random = new System.Random(3);
        for (int trial = 0; trial < 3; trial++)
        {
            var (g, x) = RandomArray(rows, cols, 0.4, random);
            double[]? previous = null;
            foreach (double rw in new[] { 0.0, 0.1, 0.5, 1.0, 2.0, 5.0, 20.0 })
            {
                var current = Solve(Circuit(rw, 10, 10), rows, cols, g, x);
                if (previous is not null)
                    for (int j = 0; j < cols; j++)
                        Assert.True(Math.Abs(current[j]) <= Math.Abs(previous[j]) * (1 + 1e-12), $"column {j} grew at {rw} ohm");
                previous = current;
            }
        }
    }

    [Fact]
    public void Inactive_rows_are_driven_at_zero_volts()
    {
        const int rows = 16, cols = 16;
        var (g, _) = RandomArray(rows, cols, 1.0, new System.Random(8));
        var solver = new IrDropSolver(rows, cols, Circuit(1, 10, 10));
        var current = new double[cols];

        // No input: every node at 0 V, no current.
        solver.Solve(g, new float[rows], current);
        Assert.All(current, c => Assert.Equal(0.0, c));

        // One active row: the inactive rows sit between their 0 V drivers and the raised column wires, so their nodes
        // are above 0 V (current flows out of the columns into them) yet far below the active row's drive.
        var x = new float[rows];
        x[3] = 1f;
        solver.Solve(g, x, current);
        for (int i = 0; i < rows; i++)
        {
            if (i == 3) continue;
            for (int j = 0; j < cols; j++)
            {
                double v = solver.RowNodeVoltage(i, j);
                Assert.True(v > 0 && v < 1e-3 * Vread, $"inactive row node ({i}, {j}) at {v:G3} V");
                Assert.True(v < solver.ColumnNodeVoltage(i, j), "an inactive row takes current from its columns");
            }
        }
    }

    [Theory]
    [InlineData(1e-6, 1e-6, 1e-6)]
    [InlineData(1e-3, 1e5, 1e-3)]
    [InlineData(100.0, 0.0, 1e5)]
    [InlineData(1e4, 1e4, 0.0)]
    [InlineData(1e-6, 0.0, 0.0)]
    public void Extreme_resistances_converge_and_conserve_current(double rw, double rs, double rk)
    {
        const int rows = 32, cols = 32;
        var (g, x) = RandomArray(rows, cols, 0.5, new System.Random(13));
        var solver = new IrDropSolver(rows, cols, Circuit(rw, rs, rk));
        var current = new double[cols];
        solver.Solve(g, x, current);
        Assert.True(solver.LastRelativeResidual <= IrDropSolver.DefaultTolerance);
        double ideal = 0, sink = current.Sum(), source = 0;
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++) ideal += x[i] * Vread * g[i * cols + j] * 1e-6;
            if (rs > 0) source += (x[i] * Vread - solver.RowNodeVoltage(i, 0)) / rs;
        }
        Assert.True(sink > 0 && sink <= ideal * (1 + 1e-12));
        if (rs > 0) Close(source, sink, 1e-7);
    }

    [Fact]
    public void Too_few_iterations_fail_clearly()
    {
        const int rows = 16, cols = 16;
        var (g, x) = RandomArray(rows, cols, 0.5, new System.Random(2));
        var solver = new IrDropSolver(rows, cols, Circuit(5, 10, 10), maxIterations: 1);
        var error = Assert.Throws<IrDropNotConvergedException>(() => solver.Solve(g, x, new double[cols]));
        Assert.Equal(1, error.Iterations);
        Assert.Contains("did not converge", error.Message);
    }

    [Fact]
    public void A_solve_allocates_nothing_and_smaller_arrays_fit()
    {
        const int rows = 64, cols = 64;
        var (g, x) = RandomArray(rows, cols, 0.3, new System.Random(4));
        var solver = new IrDropSolver(rows, cols, Circuit(1, 10, 10));
        var current = new double[cols];
        solver.Solve(g, x, current);
        long before = GC.GetAllocatedBytesForCurrentThread();
        solver.Solve(g, x, current);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());

        // An edge tile: the same solver, a smaller array, the same answer as a solver of that size.
        var (gs, xs) = RandomArray(10, 7, 0.5, new System.Random(6));
        var small = new double[7];
        solver.Solve(gs, xs, small);
        var own = Solve(Circuit(1, 10, 10), 10, 7, gs, xs);
        for (int j = 0; j < 7; j++) Close(own[j], small[j], 1e-12);
    }

    /// <summary>Conductances uniform in [0, 25] uS; each row active with probability <paramref name="density"/>, at an
    /// input uniform in (0, 1] or 1 (spikes) alternately.</summary>
    internal static (float[] G, float[] X) RandomArray(int rows, int cols, double density, System.Random random)
    {
        var g = new float[rows * cols];
        for (int k = 0; k < g.Length; k++) g[k] = (float)(25.0 * random.NextDouble());
        var x = new float[rows];
        for (int i = 0; i < rows; i++)
            if (random.NextDouble() < density) x[i] = i % 2 == 0 ? 1f : (float)(1.0 - random.NextDouble());
        return (g, x);
    }
}
