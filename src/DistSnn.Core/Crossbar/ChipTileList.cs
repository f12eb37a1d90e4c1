using System.Text.Json;

namespace DistSnn.Core.Crossbar;

/// <summary>
/// The chip files' <c>tiles</c> metadata: a JSON list with one object per tile (INTERFACE.md: layer, index,
/// tile_row, tile_col, row_start, col_start, rows, cols, dead, weight_per_microsiemens; and, added here, its ADC range,
/// dead rows, dead and stuck columns, local to the tile, and the device preset and time it was programmed with, which
/// per-tile overrides may make differ between tiles).
/// </summary>
public static class ChipTileList
{
    public static string Json(Chip chip)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartArray();
            foreach (ChipLayer layer in chip.Layers)
                foreach (ProgrammedTile tile in layer.Tiles) Write(json, tile);
            json.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The weight one uS of <c>G+ - G-</c> stands for, any drift compensation included (with an ADC the
    /// tile applies it after the conversion, without one it is in <see cref="ProgrammedTile.WeightPerSiemens"/>).</summary>
    public static double WeightPerMicrosiemens(ProgrammedTile tile) =>
        tile.WeightPerSiemens * (tile.Adc is null ? 1.0 : tile.CompensationScale);

    private static void Write(Utf8JsonWriter json, ProgrammedTile tile)
    {
        json.WriteStartObject();
        json.WriteNumber("layer", tile.Layer);
        json.WriteNumber("index", tile.Index);
        json.WriteNumber("tile_row", tile.TileRow);
        json.WriteNumber("tile_col", tile.TileCol);
        json.WriteNumber("row_start", tile.RowStart);
        json.WriteNumber("col_start", tile.ColStart);
        json.WriteNumber("rows", tile.Rows);
        json.WriteNumber("cols", tile.Cols);
        json.WriteBoolean("dead", tile.Faults.Dead);
        json.WriteNumber("weight_per_microsiemens", WeightPerMicrosiemens(tile));
        // The ADC's full scale in weight units (auto, fixed or calibrated, whichever set it); null = an ideal ADC.
        if (tile.Adc is { } adc) json.WriteNumber("adc_range", adc.Range);
        else json.WriteNull("adc_range");
        json.WriteStartArray("dead_rows");
        for (int r = 0; r < tile.Rows; r++)
            if (tile.Faults.IsDeadRow(r)) json.WriteNumberValue(r);
        json.WriteEndArray();
        Numbers(json, "dead_columns", tile.Faults.DeadColumns);
        Numbers(json, "stuck_columns", tile.Faults.StuckColumns);
        json.WriteString("preset", Study.ChoiceType.ForEnum<DevicePreset>().Format(tile.Settings.Device.Preset));
        json.WriteNumber("time", tile.Settings.Time);
        json.WriteEndObject();
    }

    private static void Numbers(Utf8JsonWriter json, string name, int[] values)
    {
        json.WriteStartArray(name);
        foreach (int v in values) json.WriteNumberValue(v);
        json.WriteEndArray();
    }
}
