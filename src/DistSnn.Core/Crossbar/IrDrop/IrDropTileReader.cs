namespace DistSnn.Core.Crossbar.IrDrop;

/// <summary>
/// Reads a tile with IR drop: both arrays through the tile's model, then
/// <c>(I+ - I-) / (V_read 1e-6) * weight_per_microsiemens</c>, the column currents in weight units (DESIGN.md, "The
/// IR-drop circuit"); model none gives the ideal <c>sum_i x_i (G+_ij - G-_ij) * weight_per_microsiemens</c>.
/// Holds the models' scratch, so one reader per thread; any tile up to the constructed size with the same settings.
/// </summary>
public sealed class IrDropTileReader
{
    private readonly IrDropSolver? _solver;
    private readonly IrDropAnalytic? _analytic;
    private readonly double[] _plus, _minus, _scratch;

    public IrDropTileReader(int maxRows, int maxCols, IrDropSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCols, 1);
        Settings = settings;
        MaxRows = maxRows;
        MaxCols = maxCols;
        if (settings.Model == IrDropModel.Solver) _solver = new IrDropSolver(maxRows, maxCols, settings);
        if (settings.Model == IrDropModel.Analytic) _analytic = new IrDropAnalytic(maxCols, settings);
        _plus = new double[maxCols];
        _minus = new double[maxCols];
        _scratch = new double[maxCols];
    }

    public IrDropSettings Settings { get; }
    public int MaxRows { get; }
    public int MaxCols { get; }

    /// <summary>The solver this reader uses (its iteration count and residual), or null unless the model is solver.</summary>
    public IrDropSolver? Solver => _solver;

    /// <param name="input">Row inputs in [0, 1], <c>tile.Rows</c> of them.</param>
    /// <param name="output">Receives <c>tile.Cols</c> column currents in weight units.</param>
    /// <exception cref="IrDropNotConvergedException">The solver model did not converge.</exception>
    public void Read(IrDropTile tile, ReadOnlySpan<float> input, Span<double> output)
    {
        ArgumentNullException.ThrowIfNull(tile);
        if (tile.Settings != Settings) throw new ArgumentException("the tile was built for other IR-drop settings than this reader");
        int rows = tile.Rows, cols = tile.Cols;
        if (rows > MaxRows || cols > MaxCols) throw new ArgumentException($"a {rows} x {cols} tile does not fit this reader ({MaxRows} x {MaxCols})");
        if (input.Length != rows || output.Length != cols) throw new ArgumentException("input or output does not fit the tile");
        Span<double> plus = _plus.AsSpan(0, cols), minus = _minus.AsSpan(0, cols);
        double perAmpere;
        switch (Settings.Model)
        {
            case IrDropModel.Solver:
                _solver!.Solve(tile.GPlus, input, plus);
                _solver.Solve(tile.GMinus, input, minus);
                perAmpere = tile.WeightPerMicrosiemens / (Settings.ReadVoltage * 1e-6);
                break;
            case IrDropModel.Analytic:
                _analytic!.Read(tile.Plus!, input, plus);
                _analytic.Read(tile.Minus!, input, minus);
                perAmpere = tile.WeightPerMicrosiemens / (Settings.ReadVoltage * 1e-6);
                break;
            default:
                Ideal(tile.GPlus, input, plus);
                Ideal(tile.GMinus, input, minus);
                perAmpere = tile.WeightPerMicrosiemens;
                break;
        }
        for (int j = 0; j < cols; j++) output[j] = (plus[j] - minus[j]) * perAmpere;
    }

    /// <summary>As <see cref="Read(IrDropTile, ReadOnlySpan{float}, Span{double})"/>, rounded to float (a tile's partial sums).</summary>
    public void Read(IrDropTile tile, ReadOnlySpan<float> input, Span<float> output)
    {
        ArgumentNullException.ThrowIfNull(tile);
        if (output.Length != tile.Cols) throw new ArgumentException("output does not fit the tile");
        Read(tile, input, _scratch.AsSpan(0, tile.Cols));
        for (int j = 0; j < output.Length; j++) output[j] = (float)_scratch[j];
    }

    /// <summary><c>sum_i x_i G_ij</c> in uS (model none).</summary>
    private static void Ideal(ReadOnlySpan<float> g, ReadOnlySpan<float> input, Span<double> sum)
    {
        int cols = sum.Length;
        sum.Clear();
        for (int i = 0; i < input.Length; i++)
        {
            double x = input[i];
            if (x == 0) continue;
            ReadOnlySpan<float> gi = g.Slice(i * cols, cols);
            for (int j = 0; j < cols; j++) sum[j] += x * gi[j];
        }
    }
}
