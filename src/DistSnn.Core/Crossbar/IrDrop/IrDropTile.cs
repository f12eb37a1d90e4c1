namespace DistSnn.Core.Crossbar.IrDrop;

/// <summary>
/// One tile as the IR-drop models see it: its positive and negative arrays (uS), the weight one uS stands for, and,
/// for the analytic model, each array's input-independent sums. Built once when the tile is programmed; immutable, so
/// shared by all readers. Read it with an <see cref="IrDropTileReader"/>.
/// </summary>
public sealed class IrDropTile
{
    private readonly float[] _plus, _minus;

    /// <param name="gPlus">Positive devices in uS, row-major <c>[rows, cols]</c>; copied.</param>
    /// <param name="gMinus">Negative devices in uS, row-major <c>[rows, cols]</c>; copied.</param>
    /// <param name="weightPerMicrosiemens">Weight units per uS of <c>G+ - G-</c> (the tile's mapping).</param>
    public IrDropTile(IrDropSettings settings, ReadOnlySpan<float> gPlus, ReadOnlySpan<float> gMinus, int rows, int cols, double weightPerMicrosiemens)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(cols, 1);
        if (gPlus.Length != rows * cols || gMinus.Length != rows * cols) throw new ArgumentException("the conductances do not match rows x cols");
        if (!double.IsFinite(weightPerMicrosiemens)) throw new ArgumentOutOfRangeException(nameof(weightPerMicrosiemens), weightPerMicrosiemens, "must be finite");
        Settings = settings;
        Rows = rows;
        Cols = cols;
        WeightPerMicrosiemens = weightPerMicrosiemens;
        _plus = gPlus.ToArray();
        _minus = gMinus.ToArray();
        if (settings.Model == IrDropModel.Analytic)
        {
            Plus = new IrDropAnalyticArray(gPlus, rows, cols, settings);
            Minus = new IrDropAnalyticArray(gMinus, rows, cols, settings);
        }
    }

    public IrDropSettings Settings { get; }
    public int Rows { get; }
    public int Cols { get; }
    public double WeightPerMicrosiemens { get; }
    public ReadOnlySpan<float> GPlus => _plus;
    public ReadOnlySpan<float> GMinus => _minus;

    /// <summary>The analytic model's sums of each array; null unless the model is analytic.</summary>
    internal IrDropAnalyticArray? Plus { get; }
    internal IrDropAnalyticArray? Minus { get; }
}
