using System.Numerics.Tensors;
using DistSnn.Core.Devices;
using DistSnn.Core.Random;

namespace DistSnn.Core.Crossbar;

/// <summary>
/// Reads programmed tiles: one input vector in, one partial column current (weight units) per column out,
/// with read noise and the ADC. Holds scratch buffers, so one reader per thread; allocates nothing per read.
/// </summary>
public sealed class TileReader
{
    private readonly double[] _variance;
    private readonly double[] _normals;

    public TileReader(int maxCols)
    {
        _variance = new double[maxCols];
        _normals = new double[2 * maxCols];
    }

    /// <summary>
    /// <c>partial[c] = sum_r input[r] * (G+_rc - G-_rc)</c> over the tile's rows in increasing order, read noise
    /// added by the configured path, then the ADC. Sums are in double: the float weights times inputs in [0, 1]
    /// add exactly in practice, so the result does not depend on how a layer is cut into tiles.
    /// </summary>
    /// <returns>How many columns the ADC clipped.</returns>
    public int Read(ProgrammedTile tile, ReadOnlySpan<float> input, ReadSettings read, in ReadKey key, Span<double> partial)
    {
        int rows = tile.Rows, cols = tile.Cols;
        if (input.Length != rows || partial.Length != cols) throw new ArgumentException("input or partial does not fit the tile");
        partial.Clear();

        if (read.Sigma > 0 && read.Path == ReadNoisePath.Device)
            ReadPerDevice(tile, input, read, key, partial);
        else
            ReadColumnAggregated(tile, input, key, partial);

        return tile.AdcRange > 0 ? Quantise(tile, partial) : 0;
    }

    private void ReadColumnAggregated(ProgrammedTile tile, ReadOnlySpan<float> input, in ReadKey key, Span<double> partial)
    {
        int cols = tile.Cols;
        double[]? variance = tile.ReadVariance;
        Span<double> varianceSum = _variance.AsSpan(0, cols);
        if (variance is not null) varianceSum.Clear();

        for (int r = 0; r < input.Length; r++)
        {
            float x = input[r];
            if (x == 0f) continue;
            ReadOnlySpan<double> row = tile.Weight.AsSpan(r * cols, cols);
            // Column by column this is partial[c] += x * row[c] in row order: vectorising across columns
            // does not change any column's order of additions.
            if (x == 1f) TensorPrimitives.Add(partial, row, partial);
            else TensorPrimitives.MultiplyAdd(row, (double)x, partial, partial);
            if (variance is not null)
            {
                ReadOnlySpan<double> rowVariance = variance.AsSpan(r * cols, cols);
                if (x == 1f) TensorPrimitives.Add(varianceSum, rowVariance, varianceSum);
                else TensorPrimitives.MultiplyAdd(rowVariance, (double)x * x, varianceSum, varianceSum);
            }
        }

        if (variance is null) return;
        Span<double> z = _normals.AsSpan(0, cols);
        new RandomStream(key.Seed, key.Trial, RandomScope.ReadColumn, tile.Layer, tile.Index, key.Sample, key.Step).FillNormal(z);
        for (int c = 0; c < cols; c++) partial[c] += Math.Sqrt(varianceSum[c]) * z[c];
    }

    /// <summary>The oracle: every active device gets its own Gaussian for this read.</summary>
    private void ReadPerDevice(ProgrammedTile tile, ReadOnlySpan<float> input, ReadSettings read, in ReadKey key, Span<double> partial)
    {
        int cols = tile.Cols;
        double k = tile.WeightPerSiemens;
        var stream = new RandomStream(key.Seed, key.Trial, RandomScope.ReadDevice, tile.Layer, tile.Index, key.Sample, key.Step);
        Span<double> z = _normals.AsSpan(0, 2 * cols);
        for (int r = 0; r < input.Length; r++)
        {
            float x = input[r];
            if (x == 0f) continue;
            stream.FillNormal(z, ProgrammedTile.DeviceElement(r, 0, tile.ConfiguredCols, 0));
            int offset = r * cols;
            for (int c = 0; c < cols; c++)
            {
                double gPlus = ReadNoise.Read(tile.GPlus[offset + c], read, z[2 * c]);
                double gMinus = ReadNoise.Read(tile.GMinus[offset + c], read, z[2 * c + 1]);
                partial[c] += x * (gPlus - gMinus) * k;
            }
        }
    }

    private static int Quantise(ProgrammedTile tile, Span<double> partial)
    {
        // The ADC's settings are fixed per tile; building the struct here costs two arithmetic operations.
        var adc = new Adc(tile.AdcBits, tile.AdcRange);
        int clipped = 0;
        for (int c = 0; c < partial.Length; c++)
        {
            partial[c] = adc.Convert(partial[c], out bool clip);
            if (clip) clipped++;
        }
        return clipped;
    }
}
