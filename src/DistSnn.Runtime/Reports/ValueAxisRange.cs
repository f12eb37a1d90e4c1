namespace DistSnn.Runtime.Reports;

/// <summary>
/// The y range of a plot: every value it must show (CI ends, reference lines) with a margin, but never narrower
/// than a minimum span, so that a change well within the CI cannot fill the plot's height and read as a dip; kept
/// inside the range the quantity can take where it fits (accuracy in [0, 1]).
/// </summary>
internal readonly record struct ValueAxisRange(double Low, double High)
{
    /// <summary>Margin on each side, as a fraction of the values' span.</summary>
    public const double Margin = 0.08;

    public double Span => High - Low;

    public static ValueAxisRange Fit(IEnumerable<double> values, double minimumSpan, double floor, double ceiling)
    {
        double[] finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length == 0) return new ValueAxisRange(floor, ceiling);
        double low = finite.Min(), high = finite.Max();
        double margin = (high - low) * Margin;
        low -= margin;
        high += margin;
        if (high - low < minimumSpan)
        {
            double centre = (low + high) / 2;
            low = centre - minimumSpan / 2;
            high = centre + minimumSpan / 2;
        }
        // Slide the window back inside [floor, ceiling] rather than cut it, so it keeps its span.
        if (low < floor) (low, high) = (floor, high + (floor - low));
        if (high > ceiling) (low, high) = (low - (high - ceiling), ceiling);
        return new ValueAxisRange(Math.Max(low, floor), high);
    }
}
