using DistSnn.Core.Devices;
using DistSnn.Core.Random;

namespace DistSnn.Core.Crossbar;

/// <summary>
/// The oracle: reads a programmed tile for one sample, one column and one row at a time, in the plainest order,
/// from the row-major weights. The fast <see cref="Trial.TileStep"/> is tested against it (identical bits where the
/// additions are the same) and runs it for the per-device read path. Holds scratch buffers, so one reader per
/// thread.
/// <para>Column <c>c</c>: <c>I_c = sum_r x_r w_rc</c> over the active rows (x_r != 0) in increasing r, in float;
/// column path: <c>I_c += sqrt(sum_r x_r^2 v_rc) z_c</c>; device path: each active device read as
/// <c>G (1 + s z)</c> (or <c>G + s z</c>) and <c>I_c = sum_r x_r ((G+_rc - G-_rc) k)</c>; then the ADC, if any.</para>
/// </summary>
public sealed class TileReader
{
    private readonly float[] _normals;
    // One IR-drop reader per circuit: on a heterogeneous chip tiles with different circuits share this reader in turn.
    private readonly Dictionary<IrDropSettings, IrDrop.IrDropTileReader> _irDrop = [];

    public TileReader(int maxCols) => _normals = new float[2 * maxCols];

    /// <param name="variance">For a tile that leaves its read noise to the column group
    /// (<see cref="ProgrammedTile.DefersReadNoise"/>): receives <c>sum_r x_r^2 v_rc</c>, and no noise is added.</param>
    /// <returns>How many columns the ADC clipped.</returns>
    public int Read(ProgrammedTile tile, ReadOnlySpan<float> input, in ReadKey key, Span<float> partial, Span<float> variance = default)
    {
        Sense(tile, input, key, partial, variance);
        return Convert(tile, partial);
    }

    /// <summary>The read up to the ADC: the column currents with the tile's read noise (none for a tile that
    /// defers it), before any conversion. What the chip files' <c>read</c> stage shows.</summary>
    public void Sense(ProgrammedTile tile, ReadOnlySpan<float> input, in ReadKey key, Span<float> partial, Span<float> variance = default)
    {
        if (tile.DefersReadNoise && variance.Length != tile.Cols) throw new ArgumentException("this tile gives its variances: pass a span for them");
        int rows = tile.Rows, cols = tile.Cols;
        if (input.Length != rows || partial.Length != cols) throw new ArgumentException("input or partial does not fit the tile");
        if (tile.ReadPath == TileReadPath.Device)
        {
            ReadPerDevice(tile, input, key, partial);
            tile.Periphery?.Apply(partial, key, _normals);
            return;
        }

        Span<float> z = _normals.AsSpan(0, cols);
        bool noise = tile.ReadPath == TileReadPath.Column && !tile.DefersReadNoise;
        if (noise) key.Stream(RandomScope.ReadColumn, tile.Layer, tile.Index).FillNormal(z);
        // With IR drop the wire network gives the noiseless currents; the devices' noise is summed as without it.
        bool irDrop = tile.IrDrop is not null;
        if (irDrop) Analog(tile, input, partial);
        for (int c = 0; c < cols; c++)
        {
            float current = irDrop ? partial[c] : 0f, sum = 0f;
            for (int r = 0; r < rows; r++)
            {
                float x = input[r];
                if (x == 0f) continue;
                if (!irDrop) current += x * tile.Weight[r * cols + c];
                if (tile.ReadVariance is { } v) sum += x * x * v[r * cols + c];
            }
            if (noise) current += MathF.Sqrt(sum) * z[c];
            if (tile.DefersReadNoise) variance[c] = sum;
            partial[c] = current;
        }
        if (tile.DefersReadNoise) tile.Periphery?.ApplyDeferred(partial, variance);
        else tile.Periphery?.Apply(partial, key, _normals);
    }

    /// <summary>The noiseless column currents: through the tile's IR-drop model when it has one, else
    /// <c>sum_r x_r w_rc</c> over the active rows in increasing r, in float.</summary>
    public void Analog(ProgrammedTile tile, ReadOnlySpan<float> input, Span<float> output)
    {
        if (tile.IrDrop is { } irDrop)
        {
            if (!_irDrop.TryGetValue(irDrop.Settings, out IrDrop.IrDropTileReader? reader) || reader.MaxRows < tile.Rows || reader.MaxCols < tile.Cols)
                _irDrop[irDrop.Settings] = reader = new IrDrop.IrDropTileReader(tile.Rows, tile.Cols, irDrop.Settings);
            reader.Read(irDrop, input, output[..tile.Cols]);
            return;
        }
        int cols = tile.Cols;
        for (int c = 0; c < cols; c++)
        {
            float sum = 0f;
            for (int r = 0; r < tile.Rows; r++)
                if (input[r] != 0f) sum += input[r] * tile.Weight[r * cols + c];
            output[c] = sum;
        }
    }

    /// <summary>Every active device gets its own Gaussian for this read: element (r, c, sign) of the ReadDevice stream.</summary>
    private void ReadPerDevice(ProgrammedTile tile, ReadOnlySpan<float> input, in ReadKey key, Span<float> partial)
    {
        int cols = tile.Cols;
        float k = tile.WeightPerSiemens;
        RandomStream stream = key.Stream(RandomScope.ReadDevice, tile.Layer, tile.Index);
        Span<float> z = _normals.AsSpan(0, 2 * cols);
        partial.Clear();
        for (int r = 0; r < input.Length; r++)
        {
            float x = input[r];
            if (x == 0f) continue;
            stream.FillNormal(z, ProgrammedTile.DeviceElement(r, 0, tile.ConfiguredCols, 0));
            for (int c = 0; c < cols; c++)
            {
                float gPlus = ReadNoise.Read(tile.GPlus[r * cols + c], tile.Read, z[2 * c]);
                float gMinus = ReadNoise.Read(tile.GMinus[r * cols + c], tile.Read, z[2 * c + 1]);
                partial[c] += x * ((gPlus - gMinus) * k);
            }
        }
    }

    /// <summary>The column ADC, if the tile has one, then the tile's digital drift-compensation scale (exactly 1
    /// without compensation): returns how many columns it clipped.</summary>
    internal static int Convert(ProgrammedTile tile, Span<float> partial)
    {
        if (tile.Adc is not { } adc) return 0;
        int clipped = 0;
        double scale = tile.CompensationScale;
        for (int c = 0; c < partial.Length; c++)
        {
            partial[c] = (float)(adc.Convert(partial[c], out bool clip) * scale);
            if (clip) clipped++;
        }
        return clipped;
    }
}
