using System.Globalization;
using DistSnn.Core.Study;

namespace DistSnn.Runtime.Reports;

/// <summary>
/// Where a swept key's values go on a plot's x axis: at their own numbers when every value is a number, else at
/// 0, 1, 2, ... in the order the spec lists them, labelled with the values (a categorical axis). A key whose 0
/// means "off" (ADC bits: ideal) is categorical when 0 is among its values, its tick saying so ("0 (ideal)"):
/// on a number line the ideal converter would sit beside the coarsest one.
/// </summary>
internal sealed class SweepAxisScale
{
    private readonly SweepAxis axis;
    private readonly double[] positions;

    public SweepAxisScale(SweepAxis axis)
    {
        this.axis = axis;
        var numbers = axis.Values.Select(Parse).ToArray();
        string? zeroMeaning = SpecKeyLabels.ZeroMeaning(axis.Key);
        bool hasOff = zeroMeaning is not null && numbers.Contains(0.0);
        IsNumeric = numbers.All(n => n is not null) && !hasOff;
        TickLabels = axis.Values.Select((v, i) => hasOff && numbers[i] == 0.0 ? $"{v} ({zeroMeaning})" : v).ToList();
        positions = IsNumeric ? numbers.Select(n => n!.Value).ToArray() : Enumerable.Range(0, axis.Values.Count).Select(i => (double)i).ToArray();
    }

    public bool IsNumeric { get; }

    public IReadOnlyList<string> Values => axis.Values;

    /// <summary>The labels of a categorical axis' ticks, in the order of <see cref="Values"/>.</summary>
    public IReadOnlyList<string> TickLabels { get; }

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
