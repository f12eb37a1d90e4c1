using System.Runtime.CompilerServices;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using DistSnn.Core.Crossbar;
using DistSnn.Core.Crossbar.IrDrop;
using DistSnn.Core.Random;

namespace DistSnn.Core.Trial;

/// <summary>
/// The tile step: one round of a batch through one programmed tile. In: each sample's inputs to the tile's rows
/// (packed spikes, or analog values for direct coding). Out: each sample's partial column currents in weight
/// units, and the tile's counters. For column <c>c</c> of sample <c>s</c>:
/// <code>
///   I_c = sum over active rows r, in increasing r, of x_r w_rc            (float; x_r = 1 for a spike)
///   V_c = sum over active r of x_r^2 v_rc                                (column read-noise variance)
///   I_c += sqrt(V_c) z_c                                                 (column read noise, z_c ~ N(0, 1))
///   I_c = ADC(I_c)                                                       (if the tile has a non-ideal ADC)
/// </code>
/// Without an ADC a tile leaves the noise to its column group (<see cref="ProgrammedTile.DefersReadNoise"/>): it
/// gives I_c and V_c, and <see cref="NeuronStep.AddReadNoise"/> draws one normal per column for the summed tiles.
/// with <c>w = (G+ - G-) k</c> and <c>v = s_r^2 (G+^2 + G-^2) k^2</c> precomputed when the tile was programmed, and
/// <c>z_c</c> element c of the ReadColumn stream of (trial, layer, tile, sample, step). Every column adds its rows
/// in row order whatever the vector width, so the result is the scalar oracle's (<see cref="TileReader"/>) bit
/// for bit on every CPU. The per-device read path runs the oracle itself, sample by sample.
/// <para>Speed: the tile is laid out in column blocks (<see cref="ProgrammedTile.Blocks"/>) that stay in L1 while
/// every sample of the batch passes through; a sample's active rows are listed once from the set bits (TZCNT),
/// then each block adds those rows' 64 floats into accumulators that stay in registers.</para>
/// Holds scratch buffers: one per thread or actor. Allocates nothing per call.
/// </summary>
public sealed class TileStep
{
    private const int RowFloats = ProgrammedTile.BlockRowFloats, Half = RowFloats / 2;

    private readonly int _maxRows, _maxCols, _maxSamples;
    private readonly int[] _active;       // [sample * maxRows + i]: the i-th active row of the sample
    private readonly float[] _inputs;     // analog inputs of the active rows, same layout
    private readonly int[] _activeCount;  // [sample]
    private readonly float[] _variance;   // [sample * cols + c]: summed read-noise variance
    private readonly float[] _normals;    // [cols]
    private readonly float[] _unpacked;   // one sample's inputs for the oracle (per-device path)
    private readonly ulong[] _liveSpikes; // the spikes of the live rows, when the tile has dead rows
    private readonly float[] _liveInputs; // analog inputs with the dead rows' zeroed
    private readonly TileReader _oracle;

    private static long _synapticEvents;

    [ThreadStatic]
    private static TileStep? _ofThread;

    /// <summary>
    /// This thread's tile step, holding at least <paramref name="rows"/> x <paramref name="cols"/> tiles and
    /// <paramref name="samples"/> samples (a larger one replaces it when a tile needs more). The tile actors of a
    /// trial run on a few pool threads: sharing one step per thread keeps the scratch a step touches in that core's
    /// cache instead of one copy per tile. A step keeps nothing between calls, so which step runs a call never
    /// changes its result.
    /// </summary>
    public static TileStep OfThread(int rows, int cols, int samples)
    {
        TileStep? step = _ofThread;
        if (step is null || step._maxRows < rows || step._maxCols < cols || step._maxSamples < samples)
            _ofThread = step = new TileStep(Math.Max(rows, step?._maxRows ?? 0), Math.Max(cols, step?._maxCols ?? 0), Math.Max(samples, step?._maxSamples ?? 0));
        return step;
    }

    /// <summary>Synaptic events (active input rows times tile columns, summed over samples) read by every tile step
    /// of this process so far: what <c>distsnn bench</c> reports per second. One atomic add per call, none per spike.</summary>
    public static long SynapticEvents => Interlocked.Read(ref _synapticEvents);

    public TileStep(int maxRows, int maxCols, int maxSamples)
    {
        _maxRows = maxRows;
        _maxCols = maxCols;
        _maxSamples = maxSamples;
        _active = new int[maxSamples * maxRows];
        _inputs = new float[maxSamples * maxRows];
        _activeCount = new int[maxSamples];
        _variance = new float[maxSamples * maxCols];
        _normals = new float[maxCols];
        _unpacked = new float[maxRows];
        _liveSpikes = new ulong[maxSamples * PackedSpikes.WordsFor(maxRows)];
        _liveInputs = new float[maxSamples * maxRows];
        _oracle = new TileReader(maxCols);
    }

    /// <summary>Binary inputs: <paramref name="spikes"/> holds, per sample, <c>PackedSpikes.WordsFor(tile.Rows)</c>
    /// words, bit r being local row r. <paramref name="partials"/> receives <c>[samples, tile.Cols]</c>.</summary>
    /// <param name="first">The read key of the batch's first sample; sample s is <c>first.Sample + s</c>.</param>
    /// <param name="variances">For a tile that defers its read noise: receives V, <c>[samples, tile.Cols]</c>.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TileCounters Run(ProgrammedTile tile, ReadOnlySpan<ulong> spikes, int samples, in ReadKey first, Span<float> partials, Span<float> variances = default)
    {
        Check(tile, samples, partials, variances);
        int words = PackedSpikes.WordsFor(tile.Rows);
        if (spikes.Length < samples * words) throw new ArgumentException("the spikes do not cover the tile's rows for every sample");
        TileFaults faults = tile.Faults;
        if (faults.DeadAt(first.Step)) return Dead(tile, samples, partials, variances);
        if (faults.MasksRowsAt(first.Step)) spikes = faults.MaskRows(spikes, samples, words, _liveSpikes);
        if (tile.ReadPath == TileReadPath.Device)
        {
            int clipped = 0;
            Span<float> input = _unpacked.AsSpan(0, tile.Rows);
            for (int s = 0; s < samples; s++)
            {
                PackedSpikes.Unpack(spikes.Slice(s * words, words), input);
                clipped += _oracle.Read(tile, input, first with { Sample = first.Sample + s }, partials.Slice(s * tile.Cols, tile.Cols));
            }
            faults.ApplyColumns(first.Step, partials, default, samples, tile.Cols, tile.StuckColumnCurrent);
            return Counted(tile, samples, clipped, PackedSpikes.Count(spikes[..(samples * words)]) * tile.Cols);
        }
        if (tile.IrDrop is not null)
        {
            Span<float> x = _unpacked.AsSpan(0, tile.Rows);
            long events = 0;
            for (int s = 0; s < samples; s++)
            {
                PackedSpikes.Unpack(spikes.Slice(s * words, words), x);
                events += ReadWithIrDrop(tile, s, x, partials, variances);
            }
            return Finish(tile, samples, first, partials, variances, events);
        }

        long active = 0;
        for (int s = 0; s < samples; s++)
            active += _activeCount[s] = PackedSpikes.SetBits(spikes.Slice(s * words, words), _active.AsSpan(s * _maxRows, _maxRows));
        Span<float> sums = stackalloc float[RowFloats];
        Span<float> variance = VarianceOutput(tile, variances);
        int cols = tile.Cols;
        for (int b = 0; b < tile.BlockCount; b++)
        {
            ReadOnlySpan<float> block = tile.Blocks.Span.Slice(b * tile.Rows * RowFloats, tile.Rows * RowFloats);
            int start = b * tile.BlockCols;
            bool whole = start + tile.BlockCols <= cols;
            for (int s = 0; s < samples; s++)
            {
                ReadOnlySpan<int> rows = _active.AsSpan(s * _maxRows, _activeCount[s]);
                if (!whole)
                {
                    SumRows(block, rows, sums[..Half], sums[Half..]);
                    Store(tile, b, s, sums, partials, variance);
                }
                else if (tile.ReadVariance is null)
                {
                    // A whole block of weights: its 64 sums go straight to the partials.
                    Span<float> dest = partials.Slice(s * cols + start, RowFloats);
                    SumRows(block, rows, dest[..Half], dest[Half..]);
                }
                else
                {
                    // 32 weights and their 32 variances: the sums to the partials, the variances beside them.
                    SumRows(block, rows, partials.Slice(s * cols + start, Half), variance.Slice(s * cols + start, Half));
                }
            }
        }
        return Finish(tile, samples, first, partials, variances, active * tile.Cols);
    }

    /// <summary>Analog inputs (direct coding, after the DAC): <c>inputs[s * tile.Rows + r]</c> in [0, 1].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public TileCounters RunAnalog(ProgrammedTile tile, ReadOnlySpan<float> inputs, int samples, in ReadKey first, Span<float> partials, Span<float> variances = default)
    {
        Check(tile, samples, partials, variances);
        int rows = tile.Rows;
        if (inputs.Length < samples * rows) throw new ArgumentException("the inputs do not cover the tile's rows for every sample");
        TileFaults faults = tile.Faults;
        if (faults.DeadAt(first.Step)) return Dead(tile, samples, partials, variances);
        if (faults.MasksRowsAt(first.Step)) inputs = faults.MaskRows(inputs, samples, rows, _liveInputs);
        if (tile.ReadPath == TileReadPath.Device)
        {
            int clipped = 0;
            long nonZero = 0;
            for (int s = 0; s < samples; s++)
            {
                ReadOnlySpan<float> x = inputs.Slice(s * rows, rows);
                nonZero += rows - x.Count(0f);
                clipped += _oracle.Read(tile, x, first with { Sample = first.Sample + s }, partials.Slice(s * tile.Cols, tile.Cols));
            }
            faults.ApplyColumns(first.Step, partials, default, samples, tile.Cols, tile.StuckColumnCurrent);
            return Counted(tile, samples, clipped, nonZero * tile.Cols);
        }
        if (tile.IrDrop is not null)
        {
            long events = 0;
            for (int s = 0; s < samples; s++) events += ReadWithIrDrop(tile, s, inputs.Slice(s * rows, rows), partials, variances);
            return Finish(tile, samples, first, partials, variances, events);
        }

        long active = 0;
        for (int s = 0; s < samples; s++)
        {
            int n = 0;
            for (int r = 0; r < rows; r++)
            {
                float x = inputs[s * rows + r];
                if (x == 0f) continue;
                _active[s * _maxRows + n] = r;
                _inputs[s * _maxRows + n] = x;
                n++;
            }
            _activeCount[s] = n;
            active += n;
        }
        Span<float> sums = stackalloc float[RowFloats];
        bool variance = tile.ReadVariance is not null;
        Span<float> output = VarianceOutput(tile, variances);
        for (int b = 0; b < tile.BlockCount; b++)
        {
            ReadOnlySpan<float> block = tile.Blocks.Span.Slice(b * rows * RowFloats, rows * RowFloats);
            for (int s = 0; s < samples; s++)
            {
                int n = _activeCount[s];
                SumWeightedRows(block, _active.AsSpan(s * _maxRows, n), _inputs.AsSpan(s * _maxRows, n), variance, sums);
                Store(tile, b, s, sums, partials, output);
            }
        }
        return Finish(tile, samples, first, partials, variances, active * tile.Cols);
    }

    /// <summary>
    /// One sample through the tile's IR-drop model (<see cref="IrDropTileReader"/>): its column currents into the
    /// partials, and its read-noise variances <c>V_c = sum_r x_r^2 v_rc</c> in row order, as the oracle sums them (the
    /// wire network changes the voltages the devices see, and with it the currents; the noise stays the devices').
    /// Returns the sample's synaptic events.
    /// </summary>
    private long ReadWithIrDrop(ProgrammedTile tile, int s, ReadOnlySpan<float> x, Span<float> partials, Span<float> variances)
    {
        int cols = tile.Cols;
        _oracle.Analog(tile, x, partials.Slice(s * cols, cols));
        int active = 0;
        foreach (float v in x) if (v != 0f) active++;
        if (tile.ReadVariance is not { } pairVariance) return (long)active * cols;
        Span<float> sum = VarianceOutput(tile, variances).Slice(s * cols, cols);
        sum.Clear();
        for (int r = 0; r < x.Length; r++)
        {
            float xr = x[r];
            if (xr == 0f) continue;
            float squared = xr * xr;
            ReadOnlySpan<float> row = pairVariance.AsSpan(r * cols, cols);
            for (int c = 0; c < cols; c++) sum[c] += squared * row[c];
        }
        return (long)active * cols;
    }

    /// <summary>A dead tile's read: every current (and variance) 0, nothing read or converted.</summary>
    private static TileCounters Dead(ProgrammedTile tile, int samples, Span<float> partials, Span<float> variances)
    {
        partials[..(samples * tile.Cols)].Clear();
        if (tile.DefersReadNoise) variances[..(samples * tile.Cols)].Clear();
        return default;
    }

    private void Check(ProgrammedTile tile, int samples, Span<float> partials, Span<float> variances)
    {
        if (tile.DefersReadNoise && variances.Length < samples * tile.Cols) throw new ArgumentException("this tile gives its variances: variances must hold [samples, cols] values");
        if (tile.Rows > _maxRows || tile.Cols > _maxCols || samples > _maxSamples || samples < 0)
            throw new ArgumentException($"a {tile.Rows} x {tile.Cols} tile with {samples} samples does not fit this step's buffers ({_maxRows} x {_maxCols}, {_maxSamples})");
        if (partials.Length < samples * tile.Cols) throw new ArgumentException("partials must hold [samples, cols] values");
    }

    /// <summary>Moves one block's sums of one sample to its partials, and its variances to <paramref name="variance"/>
    /// (<see cref="VarianceOutput"/>).</summary>
    private static void Store(ProgrammedTile tile, int block, int sample, ReadOnlySpan<float> sums, Span<float> partials, Span<float> variance)
    {
        int cols = tile.Cols, first = block * tile.BlockCols, width = Math.Min(tile.BlockCols, cols - first);
        sums[..width].CopyTo(partials.Slice(sample * cols + first, width));
        if (tile.ReadVariance is null) return;
        sums.Slice(tile.BlockCols, width).CopyTo(variance.Slice(sample * cols + first, width));
    }

    /// <summary>Where a tile's summed variances go: the caller's output when the tile defers its noise to its
    /// column group, else the scratch that <see cref="Finish"/> draws the column noise from.</summary>
    private Span<float> VarianceOutput(ProgrammedTile tile, Span<float> variances) => tile.DefersReadNoise ? variances : _variance;

    /// <summary>Column read noise, the periphery's offsets and output noise, the ADC, then the dead and stuck columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private TileCounters Finish(ProgrammedTile tile, int samples, in ReadKey first, Span<float> partials, Span<float> variances, long events)
    {
        int cols = tile.Cols, clipped = 0;
        for (int s = 0; s < samples; s++)
        {
            Span<float> current = partials.Slice(s * cols, cols);
            if (tile.ReadPath == TileReadPath.Column && !tile.DefersReadNoise)
            {
                Span<float> z = _normals.AsSpan(0, cols);
                (first with { Sample = first.Sample + s }).Stream(RandomScope.ReadColumn, tile.Layer, tile.Index).FillNormal(z);
                Span<float> noise = _variance.AsSpan(s * cols, cols);
                // sqrt, multiply and add rounded separately, as the oracle does: never fused.
                TensorPrimitives.Sqrt(noise, noise);
                TensorPrimitives.Multiply(noise, z, noise);
                TensorPrimitives.Add(current, noise, current);
            }
            if (tile.Periphery is { } periphery)
            {
                if (tile.DefersReadNoise) periphery.ApplyDeferred(current, variances.Slice(s * cols, cols));
                else periphery.Apply(current, first with { Sample = first.Sample + s }, _normals);
            }
            clipped += TileReader.Convert(tile, current);
        }
        tile.Faults.ApplyColumns(first.Step, partials, tile.DefersReadNoise ? variances : default, samples, cols, tile.StuckColumnCurrent);
        return Counted(tile, samples, clipped, events);
    }

    private static TileCounters Counted(ProgrammedTile tile, int samples, int clipped, long events)
    {
        Interlocked.Add(ref _synapticEvents, events);
        return new(clipped, tile.Adc is null ? 0 : (long)samples * tile.Cols, events);
    }

    /// <summary><c>sum[i] = sum over rows r in the list, in order, of block[r * 64 + i]</c>, i = 0..63: sums 0..31
    /// into <paramref name="low"/>, 32..63 into <paramref name="high"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void SumRows(ReadOnlySpan<float> block, ReadOnlySpan<int> rows, Span<float> low, Span<float> high)
    {
        if (low.Length < Half || high.Length < Half) throw new ArgumentException("each half of the sums needs 32 floats");
        ref float b = ref MemoryMarshal.GetReference(block);
        ref float lo = ref MemoryMarshal.GetReference(low);
        ref float hi = ref MemoryMarshal.GetReference(high);
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<float> a0 = default, a1 = default, a2 = default, a3 = default;
            foreach (int r in rows)
            {
                nuint o = (nuint)(r * RowFloats);
                a0 += Vector512.LoadUnsafe(ref b, o);
                a1 += Vector512.LoadUnsafe(ref b, o + 16);
                a2 += Vector512.LoadUnsafe(ref b, o + 32);
                a3 += Vector512.LoadUnsafe(ref b, o + 48);
            }
            a0.StoreUnsafe(ref lo, 0);
            a1.StoreUnsafe(ref lo, 16);
            a2.StoreUnsafe(ref hi, 0);
            a3.StoreUnsafe(ref hi, 16);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
            foreach (int r in rows)
            {
                nuint o = (nuint)(r * RowFloats);
                a0 += Vector256.LoadUnsafe(ref b, o);
                a1 += Vector256.LoadUnsafe(ref b, o + 8);
                a2 += Vector256.LoadUnsafe(ref b, o + 16);
                a3 += Vector256.LoadUnsafe(ref b, o + 24);
                a4 += Vector256.LoadUnsafe(ref b, o + 32);
                a5 += Vector256.LoadUnsafe(ref b, o + 40);
                a6 += Vector256.LoadUnsafe(ref b, o + 48);
                a7 += Vector256.LoadUnsafe(ref b, o + 56);
            }
            a0.StoreUnsafe(ref lo, 0);
            a1.StoreUnsafe(ref lo, 8);
            a2.StoreUnsafe(ref lo, 16);
            a3.StoreUnsafe(ref lo, 24);
            a4.StoreUnsafe(ref hi, 0);
            a5.StoreUnsafe(ref hi, 8);
            a6.StoreUnsafe(ref hi, 16);
            a7.StoreUnsafe(ref hi, 24);
        }
        else
        {
            Span<float> sums = stackalloc float[RowFloats];
            SumRowsScalar(block, rows, sums);
            sums[..Half].CopyTo(low);
            sums[Half..].CopyTo(high);
        }
    }

    /// <summary>The same sums one float at a time: for CPUs without vector instructions, and as the tests' check.</summary>
    internal static void SumRowsScalar(ReadOnlySpan<float> block, ReadOnlySpan<int> rows, Span<float> sums)
    {
        sums[..RowFloats].Clear();
        foreach (int r in rows)
        {
            ReadOnlySpan<float> row = block.Slice(r * RowFloats, RowFloats);
            for (int i = 0; i < RowFloats; i++) sums[i] += row[i];
        }
    }

    /// <summary>
    /// Analog rows: <c>sums[i] += x_r * block[r * 64 + i]</c> for the weights and, when the block carries variances
    /// (its second half), <c>sums[i] += (x_r * x_r) * block[r * 64 + i]</c> for them; products rounded before the add.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void SumWeightedRows(ReadOnlySpan<float> block, ReadOnlySpan<int> rows, ReadOnlySpan<float> inputs, bool variance, Span<float> sums)
    {
        if (!Vector256.IsHardwareAccelerated)
        {
            SumWeightedRowsScalar(block, rows, inputs, variance, sums);
            return;
        }
        ref float b = ref MemoryMarshal.GetReference(block);
        Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default, a4 = default, a5 = default, a6 = default, a7 = default;
        for (int i = 0; i < rows.Length; i++)
        {
            nuint o = (nuint)(rows[i] * RowFloats);
            float x = inputs[i];
            var low = Vector256.Create(x);
            var high = variance ? Vector256.Create(x * x) : low;
            a0 += low * Vector256.LoadUnsafe(ref b, o);
            a1 += low * Vector256.LoadUnsafe(ref b, o + 8);
            a2 += low * Vector256.LoadUnsafe(ref b, o + 16);
            a3 += low * Vector256.LoadUnsafe(ref b, o + 24);
            a4 += high * Vector256.LoadUnsafe(ref b, o + 32);
            a5 += high * Vector256.LoadUnsafe(ref b, o + 40);
            a6 += high * Vector256.LoadUnsafe(ref b, o + 48);
            a7 += high * Vector256.LoadUnsafe(ref b, o + 56);
        }
        ref float dest = ref MemoryMarshal.GetReference(sums);
        a0.StoreUnsafe(ref dest, 0);
        a1.StoreUnsafe(ref dest, 8);
        a2.StoreUnsafe(ref dest, 16);
        a3.StoreUnsafe(ref dest, 24);
        a4.StoreUnsafe(ref dest, 32);
        a5.StoreUnsafe(ref dest, 40);
        a6.StoreUnsafe(ref dest, 48);
        a7.StoreUnsafe(ref dest, 56);
    }

    internal static void SumWeightedRowsScalar(ReadOnlySpan<float> block, ReadOnlySpan<int> rows, ReadOnlySpan<float> inputs, bool variance, Span<float> sums)
    {
        sums[..RowFloats].Clear();
        for (int k = 0; k < rows.Length; k++)
        {
            ReadOnlySpan<float> row = block.Slice(rows[k] * RowFloats, RowFloats);
            float x = inputs[k], high = variance ? x * x : x;
            for (int i = 0; i < RowFloats / 2; i++) sums[i] += x * row[i];
            for (int i = RowFloats / 2; i < RowFloats; i++) sums[i] += high * row[i];
        }
    }
}
