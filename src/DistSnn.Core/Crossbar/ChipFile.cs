using DistSnn.Core.Models;
using DistSnn.Core.Snn;

namespace DistSnn.Core.Crossbar;

/// <summary>
/// <c>chip.safetensors</c> (format <c>distsnn-chip/1</c>, INTERFACE.md): what one virtual chip is, tile by tile:
/// float32 <c>[rows, cols]</c> conductances in uS (targets, programmed, at the study's time, drift exponents when
/// drift is on) and uint8 fault maps, with the tile list in the metadata.
/// </summary>
public static class ChipFile
{
    public const string Format = "distsnn-chip/1";
    public const string FormatKey = "format", TilesKey = "tiles";

    public static string TensorName(int layer, int index, string field) => $"layers.{layer}.tiles.{index}.{field}";

    /// <param name="model">The model as the chip's point runs it (the targets come from its weights).</param>
    /// <param name="metadata">More metadata (point, trial, ...), beside the format and the tile list.</param>
    public static SafetensorsContent Content(Chip chip, SnnModel model, IReadOnlyDictionary<string, string> metadata)
    {
        var tensors = new Dictionary<string, SafetensorsTensor>(StringComparer.Ordinal);
        foreach (ChipLayer layer in chip.Layers)
            foreach (ProgrammedTile tile in layer.Tiles)
            {
                int[] shape = [tile.Rows, tile.Cols];
                void Add(string field, float[] values) => tensors[TensorName(tile.Layer, tile.Index, field)] = new SafetensorsTensor(shape, values);
                (float[] plus, float[] minus) = TileTargets.Of(tile, model.Layers[tile.Layer]);
                Add("target_plus", plus);
                Add("target_minus", minus);
                // Without drift the conductances never move: programmed and present are one array.
                Add("programmed_plus", tile.ProgrammedPlus ?? tile.GPlus);
                Add("programmed_minus", tile.ProgrammedMinus ?? tile.GMinus);
                Add("g_plus", tile.GPlus);
                Add("g_minus", tile.GMinus);
                if (tile.NuPlus is { } nuPlus) Add("nu_plus", nuPlus);
                if (tile.NuMinus is { } nuMinus) Add("nu_minus", nuMinus);
                tensors[TensorName(tile.Layer, tile.Index, "fault_plus")] = Faults(shape, tile.FaultPlus, tile.Rows * tile.Cols);
                tensors[TensorName(tile.Layer, tile.Index, "fault_minus")] = Faults(shape, tile.FaultMinus, tile.Rows * tile.Cols);
            }
        return new SafetensorsContent(tensors, Metadata(chip, metadata));
    }

    /// <summary>The format, the tile list and <paramref name="extra"/>: the metadata of both chip files.</summary>
    public static Dictionary<string, string> Metadata(Chip chip, IReadOnlyDictionary<string, string> extra)
    {
        var metadata = new Dictionary<string, string>(extra, StringComparer.Ordinal)
        {
            [FormatKey] = Format,
            [TilesKey] = ChipTileList.Json(chip),
        };
        return metadata;
    }

    /// <summary>A fault map as bytes; all healthy (0) on a fault-free chip, which keeps none.</summary>
    private static SafetensorsTensor Faults(int[] shape, DeviceFault[]? faults, int count)
    {
        var bytes = new byte[count];
        if (faults is not null)
            for (int i = 0; i < count; i++) bytes[i] = (byte)faults[i];
        return SafetensorsTensor.Bytes(shape, bytes);
    }
}
