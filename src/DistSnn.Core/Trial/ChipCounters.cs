using System.Text;

namespace DistSnn.Core.Trial;

/// <summary>
/// One bag of named counters (<see cref="ChipCounter"/>) per layer: what a tile, a neuron group or a whole chip
/// counted over a trial. Tiles and groups keep their own and the trial adds them up, so a new counter is one enum
/// member and the place that counts it, carried by the same message and stored in the same column. Not thread-safe:
/// each owner adds to its own.
/// </summary>
public sealed class ChipCounters : IEquatable<ChipCounters>
{
    /// <summary>Counters per layer.</summary>
    public static readonly int Kinds = Enum.GetValues<ChipCounter>().Length;

    private static readonly string[] Names = Enum.GetValues<ChipCounter>().Select(SnakeCase).ToArray();

    private readonly long[] _values;

    public ChipCounters(int layers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(layers);
        _values = new long[layers * Kinds];
    }

    private ChipCounters(long[] values) => _values = values;

    /// <summary>Counters as <see cref="ToArray"/> gave them (layer-major, <see cref="Kinds"/> per layer).</summary>
    public static ChipCounters FromArray(long[] values)
    {
        if (values.Length % Kinds != 0) throw new ArgumentException($"expected a multiple of {Kinds} values, got {values.Length}", nameof(values));
        return new ChipCounters((long[])values.Clone());
    }

    public int Layers => _values.Length / Kinds;

    public long this[int layer, ChipCounter counter] => _values[layer * Kinds + (int)counter];

    /// <summary>The counter summed over the layers.</summary>
    public long Total(ChipCounter counter)
    {
        long total = 0;
        for (int l = 0; l < Layers; l++) total += this[l, counter];
        return total;
    }

    public void Add(int layer, ChipCounter counter, long value) => _values[layer * Kinds + (int)counter] += value;

    /// <summary>What one tile step counted, for the tile's layer.</summary>
    public void Add(int layer, in TileCounters step)
    {
        Add(layer, ChipCounter.SynapticEvents, step.Events);
        Add(layer, ChipCounter.AdcConversions, step.Conversions);
        Add(layer, ChipCounter.AdcClipped, step.Clipped);
    }

    /// <summary>What a programmed tile is: its devices and their faults, for the tile's layer.</summary>
    public void Add(Crossbar.ProgrammedTile tile)
    {
        Add(tile.Layer, ChipCounter.Devices, 2L * tile.Rows * tile.Cols);
        Add(tile.Layer, ChipCounter.StuckOff, tile.StuckOff);
        Add(tile.Layer, ChipCounter.StuckOn, tile.StuckOn);
        Add(tile.Layer, ChipCounter.DeadTiles, tile.Faults.Dead ? 1 : 0);
        Add(tile.Layer, ChipCounter.DeadRows, tile.Faults.DeadRowCount);
        Add(tile.Layer, ChipCounter.DeadColumns, tile.Faults.DeadColumns.Length);
        Add(tile.Layer, ChipCounter.StuckColumns, tile.Faults.StuckColumns.Length);
    }

    /// <summary>Adds another bag of the same layers (a tile's or a group's into the chip's).</summary>
    public void Add(ChipCounters other)
    {
        if (other._values.Length != _values.Length) throw new ArgumentException($"{other.Layers} layer(s) added to {Layers}", nameof(other));
        for (int i = 0; i < _values.Length; i++) _values[i] += other._values[i];
    }

    /// <summary>Layer-major, <see cref="Kinds"/> values per layer: how a message carries them.</summary>
    public long[] ToArray() => (long[])_values.Clone();

    /// <summary>The stored name of a counter: <c>synaptic_events</c>, <c>adc_clipped</c>, ...</summary>
    public static string Name(ChipCounter counter) => Names[(int)counter];

    /// <summary>The counter a stored name stands for; null for a name this version does not know.</summary>
    public static ChipCounter? Parse(string name)
    {
        int i = Array.IndexOf(Names, name);
        return i < 0 ? null : (ChipCounter)i;
    }

    public bool Equals(ChipCounters? other) => other is not null && _values.AsSpan().SequenceEqual(other._values);

    public override bool Equals(object? obj) => Equals(obj as ChipCounters);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (long v in _values) hash.Add(v);
        return hash.ToHashCode();
    }

    private static string SnakeCase(ChipCounter counter)
    {
        string name = counter.ToString();
        var text = new StringBuilder();
        for (int i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0) text.Append('_');
            text.Append(char.ToLowerInvariant(name[i]));
        }
        return text.ToString();
    }
}
