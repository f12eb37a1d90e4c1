using System.Globalization;
using System.Text;
using System.Text.Json;
using DistSnn.Core.Trial;

namespace DistSnn.Runtime.Storage;

/// <summary>
/// A trial's <see cref="ChipCounters"/> as the one <c>counters</c> column of <c>results.db</c> holds them: a JSON
/// object of the layer count and each counter's name and per-layer values, e.g.
/// <c>{"layers":2,"devices":[784000,10000],"synaptic_events":[...],...}</c>; a counter that is 0 in every layer is
/// left out (most are, on most chips: a short row is a cheaper commit). Named, so a counter added later needs no new
/// column, and a file stays readable by any SQLite and JSON tool.
/// </summary>
internal static class CounterColumn
{
    private static readonly ChipCounter[] Counters = Enum.GetValues<ChipCounter>();

    public static string Write(ChipCounters counters)
    {
        var text = new StringBuilder("{\"layers\":").Append(counters.Layers.ToString(CultureInfo.InvariantCulture));
        foreach (ChipCounter counter in Counters)
        {
            if (counters.Total(counter) == 0) continue;
            text.Append(",\"").Append(ChipCounters.Name(counter)).Append("\":[");
            for (int l = 0; l < counters.Layers; l++)
            {
                if (l > 0) text.Append(',');
                text.Append(counters[l, counter].ToString(CultureInfo.InvariantCulture));
            }
            text.Append(']');
        }
        return text.Append('}').ToString();
    }

    /// <summary>Reads what <see cref="Write"/> wrote; a counter the column does not name is 0, a name this version
    /// does not know is skipped.</summary>
    public static ChipCounters Read(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        var counters = new ChipCounters(document.RootElement.GetProperty("layers").GetInt32());
        foreach (JsonProperty property in document.RootElement.EnumerateObject())
        {
            if (ChipCounters.Parse(property.Name) is not { } counter) continue;
            int l = 0;
            foreach (JsonElement value in property.Value.EnumerateArray()) counters.Add(l++, counter, value.GetInt64());
        }
        return counters;
    }
}
