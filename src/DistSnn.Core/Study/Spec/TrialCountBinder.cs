namespace DistSnn.Core.Study;

/// <summary><c>trials</c>: a fixed count, or an adaptive one <c>{ min, max, ci_halfwidth }</c>.</summary>
internal static class TrialCountBinder
{
    public const int DefaultTrials = 10;
    private const int MaxTrials = 1_000_000;

    public static IntegerType FixedType { get; } = new(1, MaxTrials);

    // A confidence interval needs at least two trials before it can say anything.
    public static IntegerType MinType { get; } = new(2, MaxTrials);
    public static IntegerType MaxType { get; } = new(2, MaxTrials);
    public static NumberType HalfWidthType { get; } = NumberType.Above(0);

    private static string Expected => $"a trial count (an integer in 1..{MaxTrials}) or an adaptive count {{ min: 10, max: 500, ci_halfwidth: 0.005 }}";

    public static TrialCount Bind(SpecMap root, string origin)
    {
        SpecNode? node = root[SpecSchema.Trials];
        switch (node)
        {
            case null or SpecScalar { IsNull: true }:
                return TrialCount.Fixed(DefaultTrials);
            case SpecScalar scalar:
                if (FixedType.Parse(scalar.Text.Trim(), out string expectation) is long count) return TrialCount.Fixed((int)count);
                throw node.Problem(origin, SpecSchema.Trials,
                    ScalarSyntax.TryInteger(scalar.Text.Trim(), out _) ? expectation : $"expected {Expected}, got {node.Describe()}");
            case SpecMap map:
                long min = Part(map, "trials.min", origin);
                long max = Part(map, "trials.max", origin);
                double halfWidth = (double)(SpecValues.Read(SpecSchema.Get("trials.ci_halfwidth"), map["ci_halfwidth"], origin) ?? throw Missing(map, "ci_halfwidth", origin));
                if (max < min) throw map["max"]!.Problem(origin, "trials.max", $"expected an integer >= trials.min ({min}), got {max}");
                return new TrialCount((int)min, (int)max, halfWidth);
            default:
                throw node.Problem(origin, SpecSchema.Trials, $"expected {Expected}, got {node.Describe()}");
        }
    }

    /// <summary>The canonical lines of a trial count.</summary>
    public static IEnumerable<string> CanonicalLines(TrialCount trials) => trials.CiHalfWidth is { } halfWidth
        ? [$"trials.ci_halfwidth={ScalarSyntax.FormatNumber(halfWidth)}", $"trials.max={trials.Max}", $"trials.min={trials.Min}"]
        : [$"trials={trials.Min}"];

    private static long Part(SpecMap map, string key, string origin) =>
        (long)(SpecValues.Read(SpecSchema.Get(key), map[SpecSchema.Get(key).Name], origin) ?? throw Missing(map, SpecSchema.Get(key).Name, origin));

    private static InputException Missing(SpecMap map, string part, string origin) =>
        map.Problem(origin, SpecSchema.Trials, $"an adaptive trial count needs min, max and ci_halfwidth; {part} is missing");
}
