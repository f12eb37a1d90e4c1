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
        foreach (string name in new[] { "acceptance_range", "programming_scale" })
            yield return new($"{SpecSchema.RramSection}.{name}", c => c.Device.Preset == DevicePreset.RramHfo2, "where crossbar.device.preset is rram-hfo2");
        foreach (string name in new[] { "drift_scale", "noise_scale", "t_read" })
            yield return new($"{SpecSchema.RramSection}.{name}", c => c.Device.Drift.Model == DriftModelKind.RramHfo2, "where crossbar.device.drift.model is rram-hfo2 (the rram-hfo2 preset's default)");
        yield return new("crossbar.device.drift.compensation", c => c.Device.Drift.Model != DriftModelKind.None, "with a drift model (crossbar.device.drift.model, or the pcm or rram-hfo2 preset)");
        yield return new(SpecSchema.Time, c => c.Device.Drift.Model != DriftModelKind.None, "with a drift model (crossbar.device.drift.model, or the pcm or rram-hfo2 preset)");
        foreach (string name in new[] { "samples", "percentile", "data" })
            yield return new($"{SpecSchema.AdcCalibration}.{name}", c => c.Adc.Calibration is not null, "where crossbar.adc.range is calibrated");
    }

    public static void Check(SpecValues values, IReadOnlyList<SweepBinder.Axis> axes, IReadOnlyList<StudyPoint> points, string origin)
    {
        foreach (Rule rule in Rules())
        {
            SweepBinder.Axis? swept = axes.FirstOrDefault(a => a.Key.Path == rule.Key);
            if (swept is null && (!values.IsWritten(rule.Key) || AtDefault(values, rule.Key))) continue;
            if (points.Any(p => rule.Acts(p.Settings.Crossbar))) continue;
            string expectation = $"acts only {rule.Where}, which no point of this study is; remove {rule.Key}";
            if (swept is not null) throw swept.Values[0].Node.Problem(origin, rule.Key, expectation, swept.Values[0].Within);
            throw values.Problem(rule.Key, expectation);
        }
    }

    private static bool AtDefault(SpecValues values, string path)
    {
        SpecKey key = SpecSchema.Get(path);
        return key.Default is { } standard && values[path] is { } value && key.ValueType.Format(standard) == key.ValueType.Format(value);
    }
}
