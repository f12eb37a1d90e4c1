using System.Text;
using System.Text.RegularExpressions;
using DistSnn.Core.Study;

namespace DistSnn.Runtime.Reports;

/// <summary>
/// The effective spec (after <c>--set</c>, defaults filled in) as YAML a researcher can read and run again: the
/// effective text's <c>key=value</c> lines nested into their sections in the schema's order, the trial count and
/// the sweep written as a spec writes them, and the keys the hash leaves out (placement, yield threshold, energy, report) added.
/// </summary>
public static partial class SpecYaml
{
    private const string Indent = "  ";
    private const string OverridesKey = "crossbar.overrides";

    public static string Format(StudySpec spec)
    {
        Dictionary<string, string> values = spec.EffectiveText
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(parts => parts.Length == 2 && !parts[0].StartsWith("sweep[", StringComparison.Ordinal) && parts[0].Split('.')[0] != "trials"
                && !parts[0].StartsWith(OverridesKey + "[", StringComparison.Ordinal))
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
        values["placement"] = spec.Placement == TilePlacement.Spread ? "spread" : "local";
        values["report.ideal_reference"] = spec.IdealReference ? "true" : "false";
        if (spec.YieldThreshold is { } threshold) values["yield_threshold"] = ResultFiles.Number(threshold);
        values["energy.device_read_fj"] = ResultFiles.Number(spec.Energy.DeviceReadFj);
        values["energy.adc_conversion_pj"] = ResultFiles.Number(spec.Energy.AdcConversionPj);
        values["energy.neuron_update_pj"] = ResultFiles.Number(spec.Energy.NeuronUpdatePj);
        // The split's default is in the canonical text for every source, but the reader refuses one written for a
        // single-file source: left in, the YAML would not run again.
        if (spec.Data.Source is "idx" or "csv") values.Remove("data.split");

        var yaml = new StringBuilder();
        WriteSection(yaml, "", 0, values, spec);
        // Keys the schema no longer lists (none today) still show, flat, rather than vanish.
        foreach (var (key, value) in values.Where(v => !StudySpecReader.KnownKeys.Contains(v.Key)).OrderBy(v => v.Key, StringComparer.Ordinal))
            yaml.Append(key).Append(": ").Append(Scalar(value)).Append('\n');
        return yaml.ToString();
    }

    private static void WriteSection(StringBuilder yaml, string section, int depth, Dictionary<string, string> values, StudySpec spec)
    {
        string prefix = string.Concat(Enumerable.Repeat(Indent, depth));
        foreach (string key in StudySpecReader.KnownKeys.Where(k => ParentOf(k) == section))
        {
            string name = key[(key.LastIndexOf('.') + 1)..];
            if (key == "trials")
            {
                TrialCount trials = spec.Trials;
                yaml.Append(prefix).Append("trials: ").Append(trials.CiHalfWidth is { } halfWidth
                    ? $"{{ min: {trials.Min}, max: {trials.Max}, ci_halfwidth: {ResultFiles.Number(halfWidth)} }}"
                    : trials.Min.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
            }
            else if (key == "sweep")
            {
                if (spec.Sweep.Count == 0) continue;
                yaml.Append(prefix).Append("sweep:\n");
                foreach (SweepAxis axis in spec.Sweep)
                {
                    yaml.Append(prefix).Append("  - { key: ").Append(Scalar(axis.Key)).Append(", values: [")
                        .Append(string.Join(", ", axis.Values.Select(Scalar))).Append("] }\n");
                }
            }
            else if (key == OverridesKey)
            {
                if (spec.Overrides.Count == 0) continue;
                yaml.Append(prefix).Append("overrides:\n");
                foreach (TileOverride tileOverride in spec.Overrides)
                {
                    yaml.Append(prefix).Append("  - { layer: ").Append(tileOverride.Selector.Layer);
                    if (tileOverride.Selector.Tiles is { } tiles) yaml.Append(", tiles: [").Append(string.Join(", ", tiles)).Append(']');
                    yaml.Append(", set: { ").Append(string.Join(", ", tileOverride.Set.Select(s => $"{s.Key}: {Scalar(s.Value)}"))).Append(" } }\n");
                }
            }
            else if (values.TryGetValue(key, out string? value))
            {
                // A swept key keeps its base value in the canonical text (and so in the hash); the comment says it is not what ran.
                string note = spec.Sweep.Any(a => a.Key == key) ? "   # swept: see sweep" : "";
                yaml.Append(prefix).Append(name).Append(": ").Append(Scalar(value)).Append(note).Append('\n');
            }
            else if (values.Keys.Any(k => k.StartsWith(key + ".", StringComparison.Ordinal)))
            {
                yaml.Append(prefix).Append(name).Append(":\n");
                WriteSection(yaml, key, depth + 1, values, spec);
            }
        }
    }

    private static string ParentOf(string key) => key.LastIndexOf('.') is var dot and >= 0 ? key[..dot] : "";

    /// <summary>Plain when YAML reads it back as the same text; else single-quoted, so a path or name survives as written.</summary>
    internal static string Scalar(string value) =>
        PlainScalar().IsMatch(value) && !value.Contains(": ", StringComparison.Ordinal) && !value.Contains(" #", StringComparison.Ordinal)
            && value is not ("null" or "Null" or "NULL")
            ? value
            : "'" + value.Replace("'", "''") + "'";

    [GeneratedRegex(@"^[A-Za-z0-9_./+-](?:[A-Za-z0-9_./:+ -]*[A-Za-z0-9_./+-])?$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainScalar();
}
