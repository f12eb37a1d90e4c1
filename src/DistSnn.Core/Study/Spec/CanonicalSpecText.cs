using DistSnn.Core.Crossbar;
using DistSnn.Core.Devices;

namespace DistSnn.Core.Study;

/// <summary>
/// The effective spec as sorted <c>key=value</c> lines: every setting whose value differs from the schema's
/// default (typed and re-printed, so <c>0.10</c> and <c>0.1</c> hash alike, and <c>sigma: 0</c> hashes as no sigma),
/// the trial count and the sweep. What the spec hash is computed over, so it must not change for the same study:
/// a key added to the schema with a default that does what its absence did leaves every earlier spec's hash as it
/// was. Tile placement, the yield threshold, the <c>energy</c> and <c>report</c> keys are left out: they never change a trial's result, so a study
/// stored with one placement may resume with the other. With <c>withDefaults</c> the defaults are listed too: the
/// spec as it ran, for a reader.
/// </summary>
internal static class CanonicalSpecText
{
    /// <param name="more">Lines of the parts bound elsewhere (the per-tile overrides), added as they are.</param>
    public static string Build(SpecValues values, TrialCount trials, IEnumerable<SweepAxis> sweep, IEnumerable<string> more, bool withDefaults = false)
    {
        var lines = new List<string>();
        sweep = sweep.ToList();
        bool presetSwept = sweep.Any(a => a.Key == SpecSchema.Preset);
        foreach (SpecKey key in SpecSchema.Settings)
        {
            if (key.Path == SpecSchema.Placement || key.Path == SpecSchema.YieldThreshold || key.Parent == SpecSchema.Report || key.Parent == SpecSchema.Energy) continue;
            if (values[key.Path] is not { } value) continue;
            if (!withDefaults && DefaultOf(key, values, presetSwept) is { } standard && key.ValueType.Format(standard) == key.ValueType.Format(value)) continue;
            lines.Add($"{key.Path}={key.ValueType.Format(value)}");
        }
        lines.AddRange(TrialCountBinder.CanonicalLines(trials));
        lines.AddRange(more);
        int i = 0;
        foreach (SweepAxis axis in sweep)
        {
            lines.Add($"sweep[{i}].key={axis.Key}");
            lines.Add($"sweep[{i}].values=[{string.Join(",", axis.Values)}]");
            i++;
        }
        lines.Sort(StringComparer.Ordinal);
        return string.Concat(lines.Select(line => line + "\n"));
    }

    /// <summary>
    /// What <paramref name="key"/> is when absent: the schema's default, or for the mapping range and the drift law
    /// the preset's (so <c>gmax: 25</c> hashes as no gmax under the generic preset, as it did before presets). When
    /// the preset is swept, those keys have no single default and are kept as written.
    /// </summary>
    private static object? DefaultOf(SpecKey key, SpecValues values, bool presetSwept)
    {
        if (key.Default is not null) return key.Default;
        if (presetSwept) return null;
        DevicePreset preset = values.Required<DevicePreset>(SpecSchema.Preset);
        return key.Path switch
        {
            "crossbar.mapping.gmin" => DevicePresets.Gmin(preset),
            "crossbar.mapping.gmax" => DevicePresets.Gmax(preset),
            "crossbar.device.drift.model" => DevicePresets.Drift(preset),
            _ => null,
        };
    }
}
