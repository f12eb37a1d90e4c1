using DistSnn.Core.Snn;

namespace DistSnn.Core.Crossbar;

/// <summary>
/// One read of one tile for one sample, stage by stage (the chip files' <c>read.safetensors</c>), column currents
/// in weight units. Every stage sums the active rows in increasing row order in float, as the tile step does:
/// <list type="bullet">
/// <item><c>Ideal</c>: the layer's float weights, no faults (an ideal tile).</item>
/// <item><c>Analog</c>: the chip's conductances with IR drop when the tile has it (<see cref="TileReader.Analog"/>:
/// else its effective weights, <see cref="ProgrammedTile.Weight"/>), no read noise.</item>
/// <item><c>Read</c>: with the tile's read noise (<see cref="TileReader.Sense"/>), before the ADC. A tile that defers
/// its noise to the column group (column noise, no ADC) adds none here: <c>ReadVariance</c> holds its share of the
/// variance the group draws one Gaussian of.</item>
/// <item><c>Adc</c>: what the tile step gave (after the ADC and any digital scale): what the group receives.</item>
/// </list>
/// Tile-level faults act as in the tile step at that step: a dead tile's analog, read and adc are 0; dead rows are
/// cut; dead columns are 0 and stuck columns at their stuck current in every stage but ideal.
/// </summary>
public sealed record TileReadStages(float[] Input, float[] Ideal, float[] Analog, float[] Read, float[] Adc, float[]? ReadVariance)
{
    /// <param name="input">The row inputs the tile step received (before it cut dead rows).</param>
    /// <param name="adc">The tile step's output for this sample.</param>
    /// <param name="key">The read's key (this sample, this step).</param>
    public static TileReadStages Of(ProgrammedTile tile, DenseLayer layer, ReadOnlySpan<float> input, ReadOnlySpan<float> adc, in ReadKey key, TileReader reader)
    {
        int rows = tile.Rows, cols = tile.Cols;
        var ideal = new float[cols];
        for (int c = 0; c < cols; c++)
        {
            float sum = 0f;
            for (int r = 0; r < rows; r++)
                if (input[r] != 0f) sum += input[r] * layer.Weight(tile.ColStart + c, tile.RowStart + r);
            ideal[c] = sum;
        }
        var analog = new float[cols];
        var read = new float[cols];
        float[]? variance = tile.DefersReadNoise ? new float[cols] : null;
        TileFaults faults = tile.Faults;
        if (!faults.DeadAt(key.Step))
        {
            float[] live = input.ToArray();
            if (faults.MasksRowsAt(key.Step))
                for (int r = 0; r < rows; r++)
                    if (faults.IsDeadRow(r)) live[r] = 0f;
            reader.Analog(tile, live, analog);
            reader.Sense(tile, live, key, read, variance);
            faults.ApplyColumns(key.Step, analog, default, 1, cols, tile.StuckColumnCurrent);
            faults.ApplyColumns(key.Step, read, variance, 1, cols, tile.StuckColumnCurrent);
        }
        return new TileReadStages(input.ToArray(), ideal, analog, read, adc.ToArray(), variance);
    }
}
