using DistSnn.Core.Crossbar;
using DistSnn.Core.Crossbar.IrDrop;
using Xunit.Abstractions;

namespace DistSnn.Core.Tests.Crossbar.IrDrop;

public class IrDropAnalyticTests(ITestOutputHelper output)
{
    private const double Vread = 0.2;

    private static IrDropSettings Circuit(IrDropModel model, double wire, double source = 10, double sink = 10) => new(model, wire, source, sink, Vread);

    private static double[] Analytic(IrDropSettings s, int rows, int cols, float[] g, float[] x, bool resummed = true)
    {
        var current = new double[cols];
        new IrDropAnalytic(cols, s, resummed).Read(new IrDropAnalyticArray(g, rows, cols, s), x, current);
        return current;
    }

    private static double[] Exact(IrDropSettings s, int rows, int cols, float[] g, float[] x)
    {
        var current = new double[cols];
        new IrDropSolver(rows, cols, s).Solve(g, x, current);
        return current;
    }

    private static double[] Ideal(int rows, int cols, float[] g, float[] x)
    {
        var current = new double[cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                current[j] += x[i] * Vread * g[i * cols + j] * 1e-6;
        return current;
    }

    /// <summary>The model's first-order formula written out from its definitions (DESIGN.md's circuit; the docs of
    /// IrDropAnalytic), every sum spelt out, O(rows^2 cols^2): the check of the precomputed per-row sums.</summary>
    private static double[] FirstOrderByDefinition(IrDropSettings s, int rows, int cols, float[] g, float[] x)
    {
        double rs = s.SourceResistance * 1e-6, rw = s.WireResistance * 1e-6, rk = s.SinkResistance * 1e-6;
        var current = new double[cols];
        for (int j = 0; j < cols; j++)
        {
            double ideal = 0, drop = 0, gcol = 0;
            for (int i = 0; i < rows; i++) gcol += g[i * cols + j];
            for (int a = 0; a < rows; a++)
            {
                double v = x[a] * Vread;
                if (v == 0) continue;
                double i0 = g[a * cols + j] * v;
                ideal += i0;
                // The row node's drop: the source carries the whole row, segment k (1..j) the cells from k on.
                double dvr = 0;
                for (int jj = 0; jj < cols; jj++) dvr += rs * g[a * cols + jj] * v;
                for (int k = 1; k <= j; k++)
                    for (int jj = k; jj < cols; jj++) dvr += rw * g[a * cols + jj] * v;
                double q = 0;
                for (int k = a; k <= rows - 2; k++)
                    for (int i = 0; i <= k; i++) q += g[i * cols + j];
                drop += g[a * cols + j] * dvr + rw * i0 * q;
            }
            drop += rk * ideal * gcol;
            current[j] = (ideal > 0 ? ideal * ideal / (ideal + drop) : 0) * 1e-6;
        }
        return current;
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 5)]
    [InlineData(33, 19)]
    public void The_precomputed_row_sums_give_the_first_order_formula_written_from_its_definitions(int rows, int cols)
    {
        var random = new System.Random(rows * 31 + cols);
        float[] g = Enumerable.Range(0, rows * cols).Select(_ => (float)(random.NextDouble() * 25)).ToArray();
        // Analog inputs, a third of the rows off.
        float[] x = Enumerable.Range(0, rows).Select(_ => random.NextDouble() < 0.33 ? 0f : (float)random.NextDouble()).ToArray();
        x[0] = 1f;
        IrDropSettings s = Circuit(IrDropModel.Analytic, 2.5, 7, 12);
        double[] fast = Analytic(s, rows, cols, g, x), byDefinition = FirstOrderByDefinition(s, rows, cols, g, x);
        // H and L are stored as float (half the bytes a read streams), summed in double: float roundings of the drop terms.
        for (int j = 0; j < cols; j++) Assert.Equal(byDefinition[j], fast[j], byDefinition[j] * 2e-6 + 1e-18);
    }

    [Fact]
    public void One_cell_first_order_and_resummed()
    {
        // 1 x 1: I0 = V G, first order I0 (1 - G (Rs + Rk)), resummed I0 / (1 + G (Rs + Rk)) = V / (1/G + Rs + Rk), the exact value.
        const float g = 25f;
        double rs = 40, rk = 60, gs = g * 1e-6, v = Vread;
        var s = Circuit(IrDropModel.Analytic, 3, rs, rk);
        Assert.Equal(v * gs * (1 - gs * (rs + rk)), Analytic(s, 1, 1, [g], [1f], resummed: false)[0], 15);
        Assert.Equal(v / (1 / gs + rs + rk), Analytic(s, 1, 1, [g], [1f])[0], 15);
    }

    [Fact]
    public void All_resistances_zero_give_the_ideal_sum()
    {
        var (g, x) = IrDropSolverTests.RandomArray(100, 37, 0.3, new System.Random(9));
        var ideal = Ideal(100, 37, g, x);
        foreach (bool resummed in new[] { true, false })
        {
            var current = Analytic(Circuit(IrDropModel.Analytic, 0, 0, 0), 100, 37, g, x, resummed);
            for (int j = 0; j < 37; j++) Assert.Equal(ideal[j], current[j], 1e-15 + 1e-13 * ideal[j]);
        }
    }

    [Fact]
    public void Analytic_is_the_first_order_of_the_solver()
    {
        // As the resistances shrink the analytic drop and the exact drop agree to second order: the error of the plain
        // first order over d^2 I0 stays bounded while d goes from about 1e-2 to 1e-4.
        const int rows = 48, cols = 40;
        var (g, x) = IrDropSolverTests.RandomArray(rows, cols, 0.4, new System.Random(21));
        var ideal = Ideal(rows, cols, g, x);
        foreach (double scale in new[] { 1.0, 0.1, 0.01 })
        {
            var s = Circuit(IrDropModel.Analytic, 1.0 * scale, 10 * scale, 10 * scale);
            var first = Analytic(s, rows, cols, g, x, resummed: false);
            var exact = Exact(s, rows, cols, g, x);
            for (int j = 0; j < cols; j++)
            {
                if (ideal[j] == 0) continue;
                double d = (ideal[j] - first[j]) / ideal[j];
                Assert.True(d > 0);
                Assert.True(first[j] < exact[j], "the first order overestimates the drop");
                Assert.True(exact[j] - first[j] <= 2 * d * d * ideal[j], $"column {j} at scale {scale}");
            }
        }
    }

    [Theory]
    [InlineData(0.0, 10.0, 10.0)]
    [InlineData(1.0, 0.0, 10.0)]
    [InlineData(1.0, 10.0, 0.0)]
    [InlineData(2.0, 0.0, 0.0)]
    public void Zero_resistances_are_the_same_limits_as_in_the_solver(double rw, double rs, double rk)
    {
        const int rows = 64, cols = 50;
        var (g, x) = IrDropSolverTests.RandomArray(rows, cols, 0.3, new System.Random(17));
        var ideal = Ideal(rows, cols, g, x);
        var s = Circuit(IrDropModel.Analytic, rw, rs, rk);
        var first = Analytic(s, rows, cols, g, x, resummed: false);
        var resummed = Analytic(s, rows, cols, g, x);
        var exact = Exact(s, rows, cols, g, x);
        for (int j = 0; j < cols; j++)
        {
            double d = (ideal[j] - first[j]) / ideal[j];
            Assert.True(Math.Abs(first[j] - exact[j]) <= 2 * d * d * ideal[j], $"column {j}");
            Assert.True(Math.Abs(resummed[j] - exact[j]) <= Math.Abs(first[j] - exact[j]), $"column {j}: resummed no worse");
        }
    }

    /// <summary>The README's table: the worst column of each tile, analytic against solver. Bounds asserted per row of
    /// the table by the exact drop: resummed within 0.1 % below a 10 % drop, 1.5 % below 25 %, 5 % beyond; plain first
    /// order within 2 d^2 I0.</summary>
    [Fact]
    public void Analytic_is_close_to_the_solver_over_sizes_wire_resistances_and_densities()
    {
        var random = new System.Random(1);
        output.WriteLine("| tile | active rows | wire ohm | solver drop | resummed error | first-order error | solver iterations |");
        output.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var (rows, cols) in new[] { (16, 16), (64, 64), (128, 128), (100, 37) })
            foreach (double density in new[] { 0.1, 0.5 })
            {
                var (g, x) = IrDropSolverTests.RandomArray(rows, cols, density, random);
                var ideal = Ideal(rows, cols, g, x);
                foreach (double rw in new[] { 0.1, 1.0, 5.0 })
                {
                    var s = Circuit(IrDropModel.Analytic, rw);
                    var solver = new IrDropSolver(rows, cols, s);
                    var exact = new double[cols];
                    solver.Solve(g, x, exact);
                    var resummed = Analytic(s, rows, cols, g, x);
                    var first = Analytic(s, rows, cols, g, x, resummed: false);
                    double drop = 0, errorResummed = 0, errorFirst = 0;
                    for (int j = 0; j < cols; j++)
                    {
                        if (ideal[j] == 0) continue;
                        double d = (ideal[j] - first[j]) / ideal[j];
                        drop = Math.Max(drop, (ideal[j] - exact[j]) / ideal[j]);
                        errorResummed = Math.Max(errorResummed, Math.Abs(resummed[j] - exact[j]) / exact[j]);
                        errorFirst = Math.Max(errorFirst, Math.Abs(first[j] - exact[j]) / exact[j]);
                        Assert.True(Math.Abs(first[j] - exact[j]) <= 2 * d * d * ideal[j], $"{rows}x{cols} {rw} ohm column {j}");
                    }
                    output.WriteLine($"| {rows} x {cols} | {density:P0} | {rw} | {drop:P2} | {errorResummed:P3} | {errorFirst:P2} | {solver.LastIterations} |");
                    double bound = drop < 0.10 ? 0.001 : drop < 0.25 ? 0.015 : 0.05;
                    Assert.True(errorResummed <= bound, $"{rows}x{cols} at {density:P0}, {rw} ohm: {errorResummed:P3} against {bound:P1}");
                }
            }
    }

    [Fact]
    public void Real_weights_on_one_tile()
    {
        // The shared 784-500-10 model's first layer, tile rows 384-511 (the middle of the image) by outputs 0-127,
        // mapped as DESIGN.md does (G+ = 25 uS max(w, 0) / wmax, wmax the layer's largest |w|); inputs are
        // Bernoulli spikes at the pixel intensities of the first Fashion-MNIST test images.
        const int rows = 128, cols = 128, rowStart = 384;
        var layer = TestData.SharedModel.Layers[0];
        double wmax = layer.MaxAbsWeight(), wpm = wmax / 25.0;
        var gPlus = new float[rows * cols];
        var gMinus = new float[rows * cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
            {
                double w = layer.Weight(j, rowStart + i);
                gPlus[i * cols + j] = (float)(25.0 * Math.Max(w, 0) / wmax);
                gMinus[i * cols + j] = (float)(25.0 * Math.Max(-w, 0) / wmax);
            }
        var data = TestData.FashionMnistTest(3);
        var random = new System.Random(12);
        var settings = new IrDropSettings(IrDropModel.Solver);
        var analyticSettings = settings with { Model = IrDropModel.Analytic };
        var solverTile = new IrDropTile(settings, gPlus, gMinus, rows, cols, wpm);
        var analyticTile = new IrDropTile(analyticSettings, gPlus, gMinus, rows, cols, wpm);
        var solverReader = new IrDropTileReader(rows, cols, settings);
        var analyticReader = new IrDropTileReader(rows, cols, analyticSettings);
        var exact = new double[cols];
        var fast = new double[cols];
        for (int sample = 0; sample < data.Count; sample++)
        {
            var pixels = data.Sample(sample).Slice(rowStart, rows);
            var x = new float[rows];
            int active = 0;
            for (int i = 0; i < rows; i++)
                if (random.NextDouble() < pixels[i]) { x[i] = 1f; active++; }
            solverReader.Read(solverTile, x, exact);
            analyticReader.Read(analyticTile, x, fast);
            double largest = 0, error = 0, effect = 0;
            for (int j = 0; j < cols; j++)
            {
                double ideal = 0;
                for (int i = 0; i < rows; i++) ideal += x[i] * layer.Weight(j, rowStart + i);
                largest = Math.Max(largest, Math.Abs(ideal));
                effect = Math.Max(effect, Math.Abs(exact[j] - ideal));
                error = Math.Max(error, Math.Abs(fast[j] - exact[j]));
            }
            output.WriteLine($"sample {sample}: {active} of {rows} rows active, IR drop moves outputs by up to {effect / largest:P2} of the largest, analytic off by {error / largest:P4}");
            Assert.True(effect > 1e-3 * largest, "the default wires make a visible difference");
            Assert.True(error <= 0.01 * effect, "the analytic model has the solver's IR drop to 1 %");
        }
    }
}
