using System.Globalization;
using DistSnn.Core.Study;

namespace DistSnn.Runtime.Reports;

/// <summary>
/// Where a swept key's values go on a plot's x axis: at their own numbers when every value is a number, else at
/// 0, 1, 2, ... in the order the spec lists them, labelled with the values (a categorical axis).
/// </summary>
internal sealed class SweepAxisScale
{
    private readonly SweepAxis axis;
    private readonly double[] positions;

    public SweepAxisScale(SweepAxis axis)
    {
        this.axis = axis;
        var numbers = axis.Values.Select(Parse).ToArray();
        IsNumeric = numbers.All(n => n is not null);
        positions = IsNumeric ? numbers.Select(n => n!.Value).ToArray() : Enumerable.Range(0, axis.Values.Count).Select(i => (double)i).ToArray();
    }

    public bool IsNumeric { get; }

    public IReadOnlyList<string> Values => axis.Values;

    /// <summary>The value's x position and its order along the axis; null for a value the axis does not list.</summary>
    public (double X, int Order)? Position(string value)
    {
        int order = IndexOf(value);
        return order < 0 ? null : (positions[order], order);
    }

    private int IndexOf(string value)
    {
        for (int i = 0; i < axis.Values.Count; i++)
        {
            if (axis.Values[i] == value) return i;
        }
        return -1;
    }

    private static double? Parse(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number) ? number : null;
}
