using System.Globalization;

namespace DistSnn.Core.Study;

/// <summary>A finite number within optional bounds, each inclusive or exclusive.</summary>
internal sealed class NumberType : SpecValueType
{
    private readonly double? _min;
    private readonly bool _minInclusive;
    private readonly double? _max;
    private readonly bool _maxInclusive;
    private readonly IReadOnlyList<double>? _allowed;

    private NumberType(double? min, bool minInclusive, double? max, bool maxInclusive, string expected, IReadOnlyList<double>? allowed = null)
    {
        _allowed = allowed;
        _min = min;
        _minInclusive = minInclusive;
        _max = max;
        _maxInclusive = maxInclusive;
        Expected = expected;
    }

    public static NumberType AtLeast(double min) => new(min, true, null, false, $"a number >= {Show(min)}");
    public static NumberType Above(double min) => new(min, false, null, false, $"a number > {Show(min)}");
    /// <summary>One of a few numbers (however written: 2, 2.0 and 2e0 are one): a parameter a fit exists for at those values only.</summary>
    public static NumberType OneOf(params double[] allowed) =>
        new(null, false, null, false, string.Join(" or ", allowed.Select(Show)), allowed);

    public static NumberType Probability { get; } = new(0, true, 1, true, "a probability in [0, 1]");

    /// <summary>A number in (min, max]: a membrane decay factor.</summary>
    public static NumberType AboveUpTo(double min, double max) => new(min, false, max, true, $"a number in ({Show(min)}, {Show(max)}]");

    public override string Expected { get; }

    public override object? Parse(string text, out string expectation)
    {
        expectation = "";
        bool ok = ScalarSyntax.TryNumber(text, out double value)
            && (_min is not { } min || (_minInclusive ? value >= min : value > min))
            && (_max is not { } max || (_maxInclusive ? value <= max : value < max))
            && (_allowed is null || _allowed.Contains(value));
        if (ok) return value;
        expectation = Got(Expected, text);
        return null;
    }

    private static string Show(double bound) => bound.ToString(CultureInfo.InvariantCulture);
}
