using DistSnn.Core.Models;

namespace DistSnn.Core.Crossbar;

/// <summary>
/// <c>read.safetensors</c> (format <c>distsnn-chip/1</c>): one read (one sample, one step) of every tile, stage by
/// stage (<see cref="TileReadStages"/>): <c>layers.{l}.tiles.{i}.input</c> <c>[rows]</c> and <c>.ideal</c>,
/// <c>.analog</c>, <c>.read</c>, <c>.adc</c> <c>[cols]</c>; <c>.read_variance</c> <c>[cols]</c> for a tile that
/// leaves its read noise to the column group.
/// </summary>
public static class ChipReadFile
{
    public static SafetensorsContent Content(Chip chip, IReadOnlyDictionary<(int Layer, int Index), TileReadStages> reads, IReadOnlyDictionary<string, string> metadata)
    {
        var tensors = new Dictionary<string, SafetensorsTensor>(StringComparer.Ordinal);
        foreach (((int layer, int index), TileReadStages stages) in reads)
        {
            void Add(string field, float[] values) => tensors[ChipFile.TensorName(layer, index, field)] = new SafetensorsTensor([values.Length], values);
            Add("input", stages.Input);
            Add("ideal", stages.Ideal);
            Add("analog", stages.Analog);
            Add("read", stages.Read);
            Add("adc", stages.Adc);
            if (stages.ReadVariance is { } variance) Add("read_variance", variance);
        }
        return new SafetensorsContent(tensors, ChipFile.Metadata(chip, metadata));
    }
}
