using System.Buffers;
using DistSnn.Core.Devices;
using DistSnn.Core.Random;
using DistSnn.Core.Snn;

namespace DistSnn.Core.Crossbar;

/// <summary>
/// One tile of one virtual chip (one trial): its conductances after fabrication faults, programming error and drift, and
/// what a read needs, decided and precomputed once when the tile is programmed: the read-noise path, the ADC, the
/// effective weights and read-noise variances in row-major order (what the scalar oracle reads) and in the
/// fast kernel's column blocks. Local row <c>r</c> is layer input <c>RowStart + r</c>, local column <c>c</c> is
/// layer output <c>ColStart + c</c>.
/// </summary>
public sealed class ProgrammedTile
{
    /// <summary>Floats per row of one column block: 64 weights, or 32 weights followed by their 32 variances.
    /// 128 rows of a block (32 KB) stay in L1 while a whole batch of samples passes through it.</summary>
    public const int BlockRowFloats = 64;

    private ProgrammedTile(int layer, int index, int tileRow, int tileCol, int rowStart, int rows, int colStart, int cols, int configuredCols)
    {
        Layer = layer;
        Index = index;
        TileRow = tileRow;
        TileCol = tileCol;
        RowStart = rowStart;
        Rows = rows;
        ColStart = colStart;
        Cols = cols;
        ConfiguredCols = configuredCols;
        Weight = new float[rows * cols];
        GPlus = new float[rows * cols];
        GMinus = new float[rows * cols];
        Blocks = AlignedFloats.Empty;
    }

    public int Layer { get; }

    /// <summary>Tile number within the layer (row-major over the tile grid): part of every random key of the tile.</summary>
    public int Index { get; }

    public int TileRow { get; }
    public int TileCol { get; }
    public int RowStart { get; }
    public int Rows { get; }
    public int ColStart { get; }
    public int Cols { get; }

    /// <summary>The configured tile width: device element numbers use it, so they do not depend on edge tiles.</summary>
    public int ConfiguredCols { get; }

    /// <summary>Effective weight per device pair, row-major <c>[Rows, Cols]</c>: <c>(G+ - G-) * WeightPerSiemens</c>
    /// rounded to float. With ideal devices this is the layer's float weight exactly.</summary>
    public float[] Weight { get; }

    /// <summary>Read-noise variance per pair and unit input squared, weight units squared, row-major; null unless
    /// the read path is <see cref="TileReadPath.Column"/>.</summary>
    public float[]? ReadVariance { get; private set; }

    /// <summary>Conductances (uS) at the time of inference, row-major <c>[Rows, Cols]</c>, after faults, programming
    /// error and drift, before per-read noise: what the per-device read path uses.</summary>
    public float[] GPlus { get; }
    public float[] GMinus { get; }

    /// <summary>Devices stuck at gmin, and at gmax, by fabrication faults (independent or clustered).</summary>
    public int StuckOff { get; private set; }
    public int StuckOn { get; private set; }

    /// <summary>This tile's clustered defect rate (0 without clustered defects).</summary>
    public double ClusteredRate { get; private set; }

    /// <summary>The tile-level faults the tile step applies (dead tile, rows, columns, stuck columns).</summary>
    public TileFaults Faults { get; private set; } = TileFaults.None;

    /// <summary>Each device's fault, row-major <c>[Rows, Cols]</c> (<see cref="DeviceFault"/>), when the chip has any
    /// faults; null on a fault-free chip.</summary>
    public DeviceFault[]? FaultPlus { get; private set; }
    public DeviceFault[]? FaultMinus { get; private set; }

    /// <summary>The tile as the IR-drop model reads it (its conductances at the study's time and weight scale); null
    /// when IR drop is off, and the tile step then sums weights as for an ideal circuit.</summary>
    public IrDrop.IrDropTile? IrDrop { get; private set; }

    /// <summary>The column periphery's offsets and output noise; null when the periphery is ideal.</summary>
    public ColumnPeriphery? Periphery { get; private set; }

    /// <summary>What a stuck column outputs, weight units: the ADC's positive full scale (then its digital scale), or
    /// without an ADC the tile's automatic full scale.</summary>
    public float StuckColumnCurrent { get; private set; }

    /// <summary>Conductances (uS) right after programming (time 0: faults and programming error, no drift), when a
    /// drift model is on; null otherwise, when they are <see cref="GPlus"/> and <see cref="GMinus"/>.</summary>
    public float[]? ProgrammedPlus { get; private set; }
    public float[]? ProgrammedMinus { get; private set; }

    /// <summary>Drift exponents nu of the devices, when the drift model has them (pcm); null otherwise.</summary>
    public float[]? NuPlus { get; private set; }
    public float[]? NuMinus { get; private set; }

    /// <summary>
    /// The global drift compensation's digital scale alpha of this tile (1 without compensation). Without an ADC
    /// it is already in <see cref="WeightPerSiemens"/>, the weights and the variances; with one, the ADC's output is
    /// multiplied by it.
    /// </summary>
    public double CompensationScale { get; private set; } = 1.0;

    /// <summary>The settings the tile was programmed with: the point's, or on a heterogeneous chip its overrides'
    /// (<see cref="CrossbarSettings.Overrides"/>).</summary>
    public CrossbarSettings Settings { get; private set; } = CrossbarSettings.Ideal;

    /// <summary>The weight-to-conductance mapping the tile was programmed with: its targets (chip files) come from it.</summary>
    public ConductanceMapping Mapping { get; private set; }

    /// <summary>Weight units per microsiemens, in float: what the per-device path multiplies by.</summary>
    public float WeightPerSiemens { get; private set; }

    /// <summary>How a read adds noise, decided once from the settings.</summary>
    public TileReadPath ReadPath { get; private set; }

    /// <summary>The read-noise settings (the per-device path draws with them).</summary>
    public ReadSettings Read { get; private set; } = new();

    /// <summary>
    /// Column read noise without an ADC is left to the column group: the tile gives its noiseless currents and their
    /// variances, and the group adds one Gaussian of the summed variance per column. A sum of independent Gaussians
    /// is one Gaussian of the summed variance, so this is exact in distribution, and it draws one normal per layer
    /// output instead of one per tile row. With an ADC each tile must convert its own noisy current.
    /// </summary>
    public bool DefersReadNoise { get; private set; }

    /// <summary>Whether tiles programmed with <paramref name="settings"/> leave their read noise to the column group.</summary>
    public static bool ReadNoiseAtGroup(CrossbarSettings settings) =>
        settings.Device.Read.Sigma > 0 && settings.Device.Read.Path == ReadNoisePath.Column && settings.Adc.Bits == 0;

    /// <summary>The column ADC; null when it is ideal.</summary>
    public Adc? Adc { get; private set; }

    /// <summary>Columns per block: 64, or 32 when each row also carries its variances.</summary>
    public int BlockCols { get; private set; }

    /// <summary>Number of column blocks: <c>ceil(Cols / BlockCols)</c>.</summary>
    public int BlockCount { get; private set; }

    /// <summary>The fast kernel's layout: <c>[block][row][BlockRowFloats]</c>, each row of a block its BlockCols
    /// weights then (column path) their variances; columns past the tile's edge are 0.</summary>
    public AlignedFloats Blocks { get; private set; }

    /// <summary>Device element number of the positive (sign 0) or negative (sign 1) device of pair (r, c).</summary>
    public static long DeviceElement(int r, int c, int configuredCols, int sign) => (((long)r * configuredCols + c) << 1) | (long)sign;

    /// <summary>Programs tile (tileRow, tileCol) of <paramref name="layer"/> for trial <paramref name="trial"/>.</summary>
    /// <param name="selection">The chip's exactly-k faults (<see cref="ChipFaultSelection.For"/>); none if null.</param>
    public static ProgrammedTile Program(
        DenseLayer layer, int layerIndex, TileGrid grid, int tileRow, int tileCol, double layerWmax,
        CrossbarSettings settings, uint seed, int trial, ChipFaultSelection? selection = null)
    {
        int rows = grid.RowCount(tileRow), cols = grid.ColCount(tileCol);
        int rowStart = grid.RowStart(tileRow), colStart = grid.ColStart(tileCol);
        int index = grid.Index(tileRow, tileCol);
        var tile = new ProgrammedTile(layerIndex, index, tileRow, tileCol, rowStart, rows, colStart, cols, grid.Cols) { Settings = settings };

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
        tile.Mapping = mapping;
        double k = mapping.WeightPerSiemens;
        tile.WeightPerSiemens = (float)k;

        ReadSettings read = settings.Device.Read;
        tile.Read = read;
        tile.ReadPath = read.Sigma <= 0 ? TileReadPath.Ideal : read.Path == ReadNoisePath.Device ? TileReadPath.Device : TileReadPath.Column;
        if (tile.ReadPath == TileReadPath.Column) tile.ReadVariance = new float[rows * cols];

        TileDevice device = TileDevice.Resolve(settings);
        DeviceModel model = device.Programming;
        IDriftModel? drift = device.Drift;
        bool programmingError = model.HasProgrammingError;
        FaultSettings faultSettings = settings.Faults;
        bool faults = faultSettings.AnyStuck;
        tile.Faults = TileFaults.Resolve(faultSettings, selection ?? ChipFaultSelection.None, seed, trial, layerIndex, index, rows, cols);
        tile.ClusteredRate = StuckAtFaults.ClusteredRate(faultSettings.Clustered, seed, trial, layerIndex, index);
        bool clustered = tile.ClusteredRate > 0;
        if (faults || faultSettings.AnyTileLevel)
        {
            tile.FaultPlus = new DeviceFault[rows * cols];
            tile.FaultMinus = new DeviceFault[rows * cols];
        }
        RandomStream clusteredStream = DrawKey.Chip(seed, trial, RandomScope.ClusteredFaults, layerIndex, index).Stream();
        bool exponents = drift is { HasExponents: true }, relaxation = drift is { HasRelaxation: true };
        // Without drift the present conductances are the programmed ones and alpha would be exactly 1.
        bool compensate = drift is not null && device.Compensation == DriftCompensationKind.Global;
        RandomStream programming = DrawKey.Chip(seed, trial, RandomScope.Programming, layerIndex, index).Stream();
        RandomStream fabrication = DrawKey.Chip(seed, trial, RandomScope.Fabrication, layerIndex, index).Stream();
        RandomStream exponentStream = DrawKey.Chip(seed, trial, RandomScope.DriftExponent, layerIndex, index).Stream();
        RandomStream noiseStream = DrawKey.AtTime(seed, trial, RandomScope.DriftNoise, layerIndex, index, device.Time).Stream();
        RandomStream relaxationStream = DrawKey.AtTime(seed, trial, RandomScope.DriftRelaxation, layerIndex, index, device.Time).Stream();
        if (drift is not null)
        {
            tile.ProgrammedPlus = new float[rows * cols];
            tile.ProgrammedMinus = new float[rows * cols];
        }
        if (exponents)
        {
            tile.NuPlus = new float[rows * cols];
            tile.NuMinus = new float[rows * cols];
        }

        // One row of draws at a time: element (r, c, sign) sits at 2 (r * configuredCols + c) + sign in every stream.
        var z = new float[2 * cols];
        var u = new float[2 * cols];
        var v = new float[clustered ? 2 * cols : 0];
        float[] zExponent = exponents ? new float[2 * cols] : [];
        float[] zNoise = drift is not null ? new float[2 * cols] : [];
        float[] zRelaxation = relaxation ? new float[2 * cols] : [];
        // With compensation the weights wait for alpha, which needs the whole tile: the present conductances are kept
        // in double until then, so the weights are rounded once, from the same values as without it.
        double[]? present = compensate ? ArrayPool<double>.Shared.Rent(2 * rows * cols) : null;
        double reference = 0, now = 0;
        for (int r = 0; r < rows; r++)
        {
            long first = DeviceElement(r, 0, grid.Cols, 0);
            if (programmingError) programming.FillNormal(z, first);
            if (faults) fabrication.FillUniform(u, first);
            if (clustered) clusteredStream.FillUniform(v, first);
            if (exponents) exponentStream.FillNormal(zExponent, first);
            if (drift is not null) noiseStream.FillNormal(zNoise, first);
            if (relaxation) relaxationStream.FillNormal(zRelaxation, first);
            for (int c = 0; c < cols; c++)
            {
                double w = layer.Weight(colStart + c, rowStart + r);
                double gp = mapping.Target(w, negative: false);
                double gn = mapping.Target(w, negative: true);
                int i = r * cols + c;
                double nuP = 0, nuN = 0;
                if (exponents)
                {
                    nuP = drift!.Exponent(gp, zExponent[2 * c]);
                    nuN = drift.Exponent(gn, zExponent[2 * c + 1]);
                    tile.NuPlus![i] = (float)nuP;
                    tile.NuMinus![i] = (float)nuN;
                }
                if (programmingError)
                {
                    gp = model.Program(gp, z[2 * c]);
                    gn = model.Program(gn, z[2 * c + 1]);
                }
                double gp0 = gp, gn0 = gn;
                if (drift is not null)
                {
                    gp = drift.AtTime(gp0, nuP, device.Time, zNoise[2 * c], relaxation ? zRelaxation[2 * c] : 0);
                    gn = drift.AtTime(gn0, nuN, device.Time, zNoise[2 * c + 1], relaxation ? zRelaxation[2 * c + 1] : 0);
                }
                if (faults)
                {
                    // A stuck device is stuck at every time: the fault overrides programming and drift alike.
                    DeviceFault plus = StuckAtFaults.Classify(faultSettings, u[2 * c], tile.ClusteredRate, clustered ? v[2 * c] : 1);
                    DeviceFault minus = StuckAtFaults.Classify(faultSettings, u[2 * c + 1], tile.ClusteredRate, clustered ? v[2 * c + 1] : 1);
                    gp = StuckAtFaults.Apply(gp, plus, mapping.Gmin, mapping.Gmax);
                    gn = StuckAtFaults.Apply(gn, minus, mapping.Gmin, mapping.Gmax);
                    gp0 = StuckAtFaults.Apply(gp0, plus, mapping.Gmin, mapping.Gmax);
                    gn0 = StuckAtFaults.Apply(gn0, minus, mapping.Gmin, mapping.Gmax);
                    tile.Mark(i, plus, minus);
                }
                if (tile.ProgrammedPlus is { } programmedPlus)
                {
                    programmedPlus[i] = (float)gp0;
                    tile.ProgrammedMinus![i] = (float)gn0;
                }
                if (present is null)
                {
                    tile.Store(i, gp, gn, k);
                }
                else
                {
                    present[2 * i] = gp;
                    present[2 * i + 1] = gn;
                    reference += Math.Abs(gp0 - gn0);
                    now += Math.Abs(gp - gn);
                }
            }
        }

        if (present is not null)
        {
            double alpha = GlobalDriftCompensation.Factor(reference, now);
            tile.CompensationScale = alpha;
            // Without an ADC the scale is folded into the weights (and read-noise variances), which scales the
            // read's output noise and all; with one it must follow the conversion (TileReader.Convert).
            double scaled = settings.Adc.Bits == 0 ? k * alpha : k;
            tile.WeightPerSiemens = (float)scaled;
            for (int i = 0; i < rows * cols; i++) tile.Store(i, present[2 * i], present[2 * i + 1], scaled);
            ArrayPool<double>.Shared.Return(present);
        }

        tile.DefersReadNoise = ReadNoiseAtGroup(settings);
        if (settings.Adc.Bits > 0)
            tile.Adc = new Adc(settings.Adc.Bits, settings.Adc.Range ?? AutoAdcRange(layer, rowStart, rows, colStart, cols));
        // The ADC's top level, or without one the tile's automatic full scale: a pass over the weights, made once.
        double? fullScale = null;
        double FullScale() => fullScale ??= tile.Adc is { } adc ? adc.MaxCode * adc.Step : AutoAdcRange(layer, rowStart, rows, colStart, cols);
        if (tile.Faults.StuckColumns.Length > 0)
            tile.StuckColumnCurrent = (float)(tile.Adc is null ? FullScale() : FullScale() * tile.CompensationScale);
        if (tile.Faults.Any) tile.MarkDead();
        if (settings.Periphery.IsOn) tile.Periphery = ColumnPeriphery.For(settings.Periphery, FullScale(), seed, trial, layerIndex, index, cols);
        if (settings.IrDrop.Model != IrDropModel.None)
            tile.IrDrop = new IrDrop.IrDropTile(settings.IrDrop, tile.GPlus, tile.GMinus, rows, cols, tile.WeightPerSiemens);
        tile.LayOutBlocks();
        return tile;
    }

    /// <summary>Pair <paramref name="i"/>'s conductances (uS, double), its weight and read-noise variance with
    /// <paramref name="k"/> weight units per uS.</summary>
    private void Store(int i, double gp, double gn, double k)
    {
        GPlus[i] = (float)gp;
        GMinus[i] = (float)gn;
        // Rounding to float makes an ideal pair give back the model's float weight bit for bit.
        Weight[i] = (float)((gp - gn) * k);
        if (ReadVariance is { } variance) variance[i] = (float)(ReadNoise.PairVariance(gp, gn, Read) * k * k);
    }

    /// <summary>Records pair <paramref name="i"/>'s stuck devices in the fault maps and counts.</summary>
    private void Mark(int i, DeviceFault plus, DeviceFault minus)
    {
        FaultPlus![i] = plus;
        FaultMinus![i] = minus;
        foreach (DeviceFault fault in (ReadOnlySpan<DeviceFault>)[plus, minus])
        {
            if (fault == DeviceFault.StuckOff) StuckOff++;
            else if (fault == DeviceFault.StuckOn) StuckOn++;
        }
    }

    /// <summary>Marks the devices of a dead tile, its dead rows and columns (and stuck columns' lines) in the fault maps.</summary>
    private void MarkDead()
    {
        for (int r = 0; r < Rows; r++)
            for (int c = 0; c < Cols; c++)
                if (Faults.Dead || Faults.IsDeadRow(r) || Array.BinarySearch(Faults.DeadColumns, c) >= 0)
                {
                    FaultPlus![r * Cols + c] = DeviceFault.Dead;
                    FaultMinus![r * Cols + c] = DeviceFault.Dead;
                }
    }

    /// <summary>Copies the row-major weights (and variances) into the column blocks the fast kernel reads.</summary>
    private void LayOutBlocks()
    {
        BlockCols = ReadVariance is null ? BlockRowFloats : BlockRowFloats / 2;
        BlockCount = (Cols + BlockCols - 1) / BlockCols;
        Blocks = new AlignedFloats(BlockCount * Rows * BlockRowFloats);
        Span<float> blocks = Blocks.Span;
        for (int b = 0; b < BlockCount; b++)
        {
            int first = b * BlockCols, width = Math.Min(BlockCols, Cols - first);
            for (int r = 0; r < Rows; r++)
            {
                Span<float> row = blocks.Slice((b * Rows + r) * BlockRowFloats, BlockRowFloats);
                Weight.AsSpan(r * Cols + first, width).CopyTo(row);
                ReadVariance?.AsSpan(r * Cols + first, width).CopyTo(row[BlockCols..]);
            }
        }
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

/// <summary>How a tile's read adds read noise.</summary>
public enum TileReadPath
{
    /// <summary>No read noise.</summary>
    Ideal,
    /// <summary>One Gaussian per column and read, of the summed variance of the active pairs (exact in distribution).</summary>
    Column,
    /// <summary>One Gaussian per device and read: the oracle path, O(active devices).</summary>
    Device,
}
