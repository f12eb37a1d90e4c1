using DistSnn.Core.Devices;
using DistSnn.Core.Random;
using DistSnn.Core.Snn;

namespace DistSnn.Core.Crossbar;

/// <summary>
/// One tile of one virtual chip (one trial): its conductances after fabrication faults and programming error,
/// and what a read needs, precomputed once per trial. Local row <c>r</c> is layer input <c>RowStart + r</c>,
/// local column <c>c</c> is layer output <c>ColStart + c</c>.
/// </summary>
public sealed class ProgrammedTile
{
    private ProgrammedTile(int layer, int index, int rowStart, int rows, int colStart, int cols, int configuredCols)
    {
        Layer = layer;
        Index = index;
        RowStart = rowStart;
        Rows = rows;
        ColStart = colStart;
        Cols = cols;
        ConfiguredCols = configuredCols;
        Weight = new double[rows * cols];
        GPlus = new float[rows * cols];
        GMinus = new float[rows * cols];
    }

    public int Layer { get; }

    /// <summary>Tile number within the layer (row-major over the tile grid): part of every random key of the tile.</summary>
    public int Index { get; }

    public int RowStart { get; }
    public int Rows { get; }
    public int ColStart { get; }
    public int Cols { get; }

    /// <summary>The configured tile width: device element numbers use it, so they do not depend on edge tiles.</summary>
    public int ConfiguredCols { get; }

    /// <summary>Effective weight per device pair, row-major <c>[Rows, Cols]</c>: <c>(G+ - G-) * WeightPerSiemens</c>
    /// rounded to float precision, kept as double so rows add to double accumulators with vector instructions.
    /// With ideal devices this is the layer's float weight exactly.</summary>
    public double[] Weight { get; }

    /// <summary>Read-noise variance per pair and unit input squared, in weight units squared; null without read noise.</summary>
    public double[]? ReadVariance { get; private set; }

    /// <summary>Programmed conductances (uS), row-major <c>[Rows, Cols]</c>: what the per-device read path uses.</summary>
    public float[] GPlus { get; }
    public float[] GMinus { get; }

    public double WeightPerSiemens { get; private set; }

    /// <summary>The ADC full scale in weight units; 0 when the ADC is ideal.</summary>
    public double AdcRange { get; private set; }

    /// <summary>ADC resolution; 0 = ideal.</summary>
    public int AdcBits { get; private set; }

    /// <summary>Device element number of the positive (sign 0) or negative (sign 1) device of pair (r, c).</summary>
    public static long DeviceElement(int r, int c, int configuredCols, int sign) => (((long)r * configuredCols + c) << 1) | (long)sign;

    /// <summary>Programs tile (tileRow, tileCol) of <paramref name="layer"/> for trial <paramref name="trial"/>.</summary>
    public static ProgrammedTile Program(
        DenseLayer layer, int layerIndex, TileGrid grid, int tileRow, int tileCol, double layerWmax,
        CrossbarSettings settings, uint seed, int trial)
    {
        int rows = grid.RowCount(tileRow), cols = grid.ColCount(tileCol);
        int rowStart = grid.RowStart(tileRow), colStart = grid.ColStart(tileCol);
        int index = grid.Index(tileRow, tileCol);
        var tile = new ProgrammedTile(layerIndex, index, rowStart, rows, colStart, cols, grid.Cols);

        double wmax = layerWmax;
        if (settings.Mapping.Scale == ScaleMode.PerTile)
        {
            double tileMax = 0;
            for (int r = 0; r < rows; r++)
                for (int c = 0; c < cols; c++)
                    tileMax = Math.Max(tileMax, Math.Abs(layer.Weight(colStart + c, rowStart + r)));
            wmax = tileMax > 0 ? tileMax : layerWmax;
        }
        var mapping = new ConductanceMapping(settings.Mapping, wmax);
        tile.WeightPerSiemens = mapping.WeightPerSiemens;

        var programming = new RandomStream(seed, trial, RandomScope.Programming, layerIndex, index, 0, 0);
        var fabrication = new RandomStream(seed, trial, RandomScope.Fabrication, layerIndex, index, 0, 0);
        bool programmingError = settings.Device.Programming.Sigma > 0;
        bool faults = StuckAtFaults.Any(settings.Faults);
        var read = settings.Device.Read;
        bool readVariance = read.Sigma > 0 && read.Path == ReadNoisePath.Column;
        if (readVariance) tile.ReadVariance = new double[rows * cols];
        double k = mapping.WeightPerSiemens;

        Span<double> z = stackalloc double[2];
        Span<double> u = stackalloc double[2];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols; c++)
            {
                double w = layer.Weight(colStart + c, rowStart + r);
                long element = DeviceElement(r, c, grid.Cols, 0);
                double gp = mapping.Target(w, negative: false);
                double gn = mapping.Target(w, negative: true);
                if (programmingError)
                {
                    programming.FillNormal(z, element);
                    gp = ProgrammingError.Apply(gp, settings.Device.Programming, z[0]);
                    gn = ProgrammingError.Apply(gn, settings.Device.Programming, z[1]);
                }
                if (faults)
                {
                    fabrication.FillUniform(u, element);
                    gp = StuckAtFaults.Apply(gp, settings.Faults, u[0], mapping.Gmin, mapping.Gmax);
                    gn = StuckAtFaults.Apply(gn, settings.Faults, u[1], mapping.Gmin, mapping.Gmax);
                }
                int i = r * cols + c;
                tile.GPlus[i] = (float)gp;
                tile.GMinus[i] = (float)gn;
                // Rounding to float makes an ideal pair give back the model's float weight bit for bit.
                tile.Weight[i] = (float)((gp - gn) * k);
                if (readVariance) tile.ReadVariance![i] = ReadNoise.PairVariance(gp, gn, read) * k * k;
            }
        }

        tile.AdcBits = settings.Adc.Bits;
        if (settings.Adc.Bits > 0) tile.AdcRange = settings.Adc.Range ?? AutoAdcRange(layer, rowStart, rows, colStart, cols);
        return tile;
    }

    /// <summary>Largest |column current| of the ideal tile with every input at 1: the ADC's automatic full scale.</summary>
    private static double AutoAdcRange(DenseLayer layer, int rowStart, int rows, int colStart, int cols)
    {
        double range = 0;
        for (int c = 0; c < cols; c++)
        {
            double positive = 0, negative = 0;
            for (int r = 0; r < rows; r++)
            {
                double w = layer.Weight(colStart + c, rowStart + r);
                if (w > 0) positive += w; else negative -= w;
            }
            range = Math.Max(range, Math.Max(positive, negative));
        }
        return range > 0 ? range : 1.0;
    }
}
