using DistSnn.Core.Crossbar;

namespace DistSnn.Core.Study;

/// <summary>
/// Refuses a device or periphery setting that the study writes (or sweeps) but that acts at none of its points: the
/// generic programming error under another preset, a model's parameters with that model off, a time or a
/// compensation without drift, an ADC calibration without a calibrated range. Silently ignored, such a key would make a study look like it measured something it did not. A
/// key that acts at some points of a sweep (a sweep over presets) is fine, and so is one written at its default,
/// which says what its absence says.
/// </summary>
internal static class DeviceKeyCheck
{
    private sealed record Rule(string Key, Func<CrossbarSettings, bool> Acts, string Where);

    private static readonly string[] Generic = ["crossbar.device.programming.model", "crossbar.device.programming.sigma"];

    private static IEnumerable<Rule> Rules()
    {
        foreach (string key in Generic)
            yield return new(key, c => c.Device.Preset == DevicePreset.Generic, "where crossbar.device.preset is generic");
        yield return new(SpecSchema.PcmSection + ".programming_scale", c => c.Device.Preset == DevicePreset.Pcm, "where crossbar.device.preset is pcm");
        foreach (string name in new[] { "drift_scale", "noise_scale", "t0", "t_read" })
            yield return new($"{SpecSchema.PcmSection}.{name}", c => c.Device.Drift.Model == DriftModelKind.Pcm, "where crossbar.device.drift.model is pcm (the pcm preset's default)");
        foreach (string name in new[] { "programming_scale", "levels" })
            yield return new($"{SpecSchema.RramSection}.{name}", c => c.Device.Preset == DevicePreset.RramHfo2, "where crossbar.device.preset is rram-hfo2");
        // With levels on, the level spread is the programming error and the acceptance range's fit is not used.
        yield return new($"{SpecSchema.RramSection}.acceptance_range", c => c.Device.Preset == DevicePreset.RramHfo2 && !c.Device.RramHfo2.HasLevels,
            "where crossbar.device.preset is rram-hfo2 and crossbar.device.rram_hfo2.levels is 0 (continuous)");
        yield return new($"{SpecSchema.RramSection}.level_spread", c => c.Device.Preset == DevicePreset.RramHfo2 && c.Device.RramHfo2.HasLevels,
            "where crossbar.device.preset is rram-hfo2 and crossbar.device.rram_hfo2.levels is at least 2");
        foreach (string name in new[] { "drift_scale", "noise_scale", "t_read" })
            yield return new($"{SpecSchema.RramSection}.{name}", c => c.Device.Drift.Model == DriftModelKind.RramHfo2, "where crossbar.device.drift.model is rram-hfo2 (the rram-hfo2 preset's default)");
        yield return new("crossbar.device.drift.compensation", c => c.Device.Drift.Model != DriftModelKind.None, "with a drift model (crossbar.device.drift.model, or the pcm or rram-hfo2 preset)");
        yield return new(SpecSchema.Time, c => c.Device.Drift.Model != DriftModelKind.None, "with a drift model (crossbar.device.drift.model, or the pcm or rram-hfo2 preset)");
        // A fixed or calibrated range without an ADC would convert nothing.
        yield return new("crossbar.adc.range", c => c.Adc.Bits > 0, "with an ADC (crossbar.adc.bits above 0)");
        foreach (string name in new[] { "samples", "percentile", "data" })
            yield return new($"{SpecSchema.AdcCalibration}.{name}", c => c.Adc is { Bits: > 0, Calibration: not null }, "where crossbar.adc.range is calibrated and crossbar.adc.bits above 0");
    }

    public static void Check(SpecValues values, IReadOnlyList<SweepBinder.Axis> axes, IReadOnlyList<StudyPoint> points,
        IReadOnlyList<TileOverridesBinder.Entry> tileOverrides, string origin)
    {
        foreach (Rule rule in Rules())
        {
            SweepBinder.Axis? swept = axes.FirstOrDefault(a => a.Key.Path == rule.Key);
            // Written for the whole chip: it must act on some tile of some point (an override may be what uses it).
            if (swept is not null || (values.IsWritten(rule.Key) && !AtDefault(values, rule.Key)))
            {
                bool acts = points.Any(p => rule.Acts(p.Settings.Crossbar) || p.Settings.Crossbar.Overrides.Combinations.Any(c => rule.Acts(c.Settings)));
                if (!acts)
                {
                    string expectation = $"acts only {rule.Where}, which no point of this study is; remove {rule.Key}";
                    if (swept is not null) throw swept.Values[0].Node.Problem(origin, rule.Key, expectation, swept.Values[0].Within);
                    throw values.Problem(rule.Key, expectation);
                }
            }
            // Written in an override: it must act on some tile that override selects.
            for (int i = 0; i < tileOverrides.Count; i++)
            {
                if (tileOverrides[i].Settings.FirstOrDefault(s => s.Key.Path == rule.Key) is not { } setting) continue;
                int index = i;
                if (points.Any(p => p.Settings.Crossbar.Overrides.Combinations.Any(c => c.Overrides.Contains(index) && rule.Acts(c.Settings)))) continue;
                throw setting.Node.Problem(origin, rule.Key, $"acts only {rule.Where}, which no tile of {SpecSchema.Overrides}[{i}] is; remove {rule.Key}", setting.Within);
            }
        }
    }

    private static bool AtDefault(SpecValues values, string path)
    {
        SpecKey key = SpecSchema.Get(path);
        return key.Default is { } standard && values[path] is { } value && key.ValueType.Format(standard) == key.ValueType.Format(value);
    }
}
