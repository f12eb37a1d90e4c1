using DistSnn.Core.Crossbar;
using DistSnn.Core.Crossbar.IrDrop;

namespace DistSnn.Core.Tests.Crossbar.IrDrop;

public class IrDropTileReaderTests
{
    private const int Rows = 40, Cols = 24;
    private const double Wpm = 0.037;

    private static (float[] Plus, float[] Minus, float[] X) RandomTile(int seed)
    {
        var random = new System.Random(seed);
        var (plus, x) = IrDropSolverTests.RandomArray(Rows, Cols, 0.4, random);
        var (minus, _) = IrDropSolverTests.RandomArray(Rows, Cols, 0.4, random);
        return (plus, minus, x);
    }

    private static double[] Read(IrDropSettings s, float[] plus, float[] minus, float[] x)
    {
        var output = new double[Cols];
        new IrDropTileReader(Rows, Cols, s).Read(new IrDropTile(s, plus, minus, Rows, Cols, Wpm), x, output);
        return output;
    }

    private static double[] IdealWeights(float[] plus, float[] minus, float[] x)
    {
        var ideal = new double[Cols];
        for (int i = 0; i < Rows; i++)
            for (int j = 0; j < Cols; j++)
                ideal[j] += x[i] * ((double)plus[i * Cols + j] - minus[i * Cols + j]) * Wpm;
        return ideal;
    }

    [Theory]
    [InlineData(IrDropModel.None, 1.0)]
    [InlineData(IrDropModel.Solver, 0.0)]
    [InlineData(IrDropModel.Analytic, 0.0)]
    public void Ideal_circuit_gives_sum_x_times_weight(IrDropModel model, double resistance)
    {
        var (plus, minus, x) = RandomTile(1);
        var s = new IrDropSettings(model, resistance, resistance, resistance);
        var output = Read(s, plus, minus, x);
        var ideal = IdealWeights(plus, minus, x);
        double scale = ideal.Max(Math.Abs);
        for (int j = 0; j < Cols; j++) Assert.Equal(ideal[j], output[j], 1e-12 * scale);
    }

    [Fact]
    public void Solver_tile_is_the_difference_of_its_arrays_in_weight_units()
    {
        var (plus, minus, x) = RandomTile(2);
        var s = new IrDropSettings(IrDropModel.Solver, 2.0, 10, 10, 0.3);
        var output = Read(s, plus, minus, x);
        var solver = new IrDropSolver(Rows, Cols, s);
        var iPlus = new double[Cols];
        var iMinus = new double[Cols];
        solver.Solve(plus, x, iPlus);
        solver.Solve(minus, x, iMinus);
        for (int j = 0; j < Cols; j++) Assert.Equal((iPlus[j] - iMinus[j]) / (0.3 * 1e-6) * Wpm, output[j], 1e-12);

        // And the analytic tile is near it.
        var analytic = Read(s with { Model = IrDropModel.Analytic }, plus, minus, x);
        double scale = output.Max(Math.Abs);
        for (int j = 0; j < Cols; j++) Assert.Equal(output[j], analytic[j], 1e-3 * scale);
    }

    [Fact]
    public void Float_output_rounds_the_double_one_and_reads_allocate_nothing()
    {
        var (plus, minus, x) = RandomTile(3);
        foreach (var model in new[] { IrDropModel.Analytic, IrDropModel.Solver })
        {
            var s = new IrDropSettings(model);
            var tile = new IrDropTile(s, plus, minus, Rows, Cols, Wpm);
            var reader = new IrDropTileReader(Rows, Cols, s);
            var wide = new double[Cols];
            var narrow = new float[Cols];
            reader.Read(tile, x, wide);
            reader.Read(tile, x, narrow);
            for (int j = 0; j < Cols; j++) Assert.Equal((float)wide[j], narrow[j]);
            long before = GC.GetAllocatedBytesForCurrentThread();
            reader.Read(tile, x, narrow);
            Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        }
    }

    [Fact]
    public void A_tile_is_read_with_its_own_settings()
    {
        var (plus, minus, x) = RandomTile(4);
        var tile = new IrDropTile(new IrDropSettings(IrDropModel.Solver, 2.0), plus, minus, Rows, Cols, Wpm);
        var reader = new IrDropTileReader(Rows, Cols, new IrDropSettings(IrDropModel.Solver, 1.0));
        Assert.Throws<ArgumentException>(() => reader.Read(tile, x, new double[Cols]));
    }
}
