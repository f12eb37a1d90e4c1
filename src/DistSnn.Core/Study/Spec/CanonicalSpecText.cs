namespace DistSnn.Core.Study;

/// <summary>
/// The effective spec as sorted <c>key=value</c> lines: every setting that has a value (defaults included, typed
/// and re-printed, so <c>0.10</c> and <c>0.1</c> hash alike), the trial count and the sweep. What the spec hash is
/// computed over, so it must not change for the same study. Tile placement, the yield threshold, the <c>energy</c> and <c>report</c> keys are left out:
/// they never change a trial's result, so a study stored with one placement may resume with the other, and adding
/// the report keys left every earlier spec's hash unchanged.
/// </summary>
internal static class CanonicalSpecText
{
    public static string Build(SpecValues values, TrialCount trials, IEnumerable<SweepAxis> sweep)
    {
        var lines = new List<string>();
        foreach (SpecKey key in SpecSchema.Settings)
        {
            if (key.Path == SpecSchema.Placement || key.Path == SpecSchema.YieldThreshold || key.Parent == SpecSchema.Report || key.Parent == SpecSchema.Energy) continue;
            if (values[key.Path] is { } value) lines.Add($"{key.Path}={key.ValueType.Format(value)}");
        }
        lines.AddRange(TrialCountBinder.CanonicalLines(trials));
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
}
