using DistSnn.Runtime.Logging;
using System.Globalization;
using DistSnn.Core.Study;
using Spectre.Console;

namespace DistSnn.Cli.Terminal;

/// <summary>
/// The per-point accuracy table printed at the end of a study, with each point's paired difference to the baseline
/// point and the number of trials that difference pairs. It fits the console's width (80 columns included): sweep
/// keys are shortened, min/max, std and the ADC column give way when even wrapped cells would not fit, and the
/// columns are sized here so that a cell wraps only at a space, never inside a number.
/// </summary>
public static class SummaryTable
{
    public static void Write(TextWriter writer, StudySpec spec, IReadOnlyList<PointSummary> summaries)
    {
        bool terminal = NodeLogStandardOutput.IsStandardOutput(writer) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
        });
        // A log file has no width: do not wrap the table at Spectre's default of 80 columns.
        if (!terminal) console.Profile.Width = 240;
        Write(console, spec, summaries);
    }

    /// <summary>The table, laid out for <paramref name="console"/>'s width.</summary>
    public static void Write(IAnsiConsole console, StudySpec spec, IReadOnlyList<PointSummary> summaries)
    {
        int width = console.Profile.Width;
        List<SummaryColumn> columns = Columns(spec, summaries);
        bool compact = false;
        // Each step only while even the longest words do not fit, least loss first: min and max (also in
        // summary.json), dotted key headers over two lines, no right padding, then std, then the ADC clip share.
        Action[] giveWay =
        [
            () => columns.RemoveAll(c => c.DropRank == 1),
            () => columns.ForEach(c => c.BreakHeaderAtDots()),
            () => compact = true,
            () => columns.RemoveAll(c => c.DropRank == 2),
            () => columns.RemoveAll(c => c.DropRank == 3),
        ];
        foreach (Action step in giveWay)
        {
            if (SummaryColumn.TableWidth(columns, c => c.MinimumWidth, compact) <= width) break;
            step();
        }
        SummaryColumn.FitWidths(columns, width, compact);

        var table = new Table().Title($"study {Markup.Escape(spec.Name)}: accuracy per point");
        foreach (SummaryColumn column in columns)
            table.AddColumn(new TableColumn(Markup.Escape(column.Header)).RightAligned().Width(column.Width).PadLeft(1).PadRight(compact ? 0 : 1));
        for (int row = 0; row < summaries.Count; row++)
            table.AddRow(columns.Select(c => Markup.Escape(c.Cells[row])).ToArray());
        table.Caption(spec.Points.Count > 1
            ? $"mean ± Student-t 95% CI; Δ: minus point {spec.Baseline}, trial by trial (the same chips) over the pairs of trials both points ran"
            : "mean ± Student-t 95% CI over the trials");
        console.Write(table);
    }

    private static List<SummaryColumn> Columns(StudySpec spec, IReadOnlyList<PointSummary> summaries)
    {
        var columns = new List<SummaryColumn>
        {
            new("point", summaries.Select(s => s.Point.ToString(CultureInfo.InvariantCulture))),
        };
        for (int a = 0; a < spec.Sweep.Count; a++)
        {
            int axis = a;
            columns.Add(new SummaryColumn(PointLabel.ShortKey(spec.Sweep[a].Key), summaries.Select(s => s.Coordinates[axis])));
        }
        columns.Add(new("trials", summaries.Select(s => s.Trials.ToString(CultureInfo.InvariantCulture))));
        columns.Add(new("accuracy ± 95% CI", summaries.Select(s => WithInterval(Format(s.Mean, "F4"), s.Ci95HalfWidth))));
        columns.Add(new("std", summaries.Select(s => Format(s.Std, "F4"))) { DropRank = 2 });
        columns.Add(new("min", summaries.Select(s => Format(s.Min, "F4"))) { DropRank = 1 });
        columns.Add(new("max", summaries.Select(s => Format(s.Max, "F4"))) { DropRank = 1 });
        if (summaries.Any(s => s.AdcClipFraction > 0))
            columns.Add(new("ADC clipped", summaries.Select(s => Format(100 * s.AdcClipFraction, "F2") + "%")) { DropRank = 3 });
        // Trial k is the same chip at every point, so this difference is far sharper than comparing two CIs by eye.
        if (spec.Points.Count > 1)
        {
            columns.Add(new($"Δ vs point {spec.Baseline} ± 95% CI", summaries.Select(s => Difference(s, spec.Baseline))));
            columns.Add(new("pairs", summaries.Select(s => s.PairedDifference is null ? "n/a" : s.DifferencePairs.ToString(CultureInfo.InvariantCulture))));
        }
        if (spec.YieldThreshold is { } threshold)
            columns.Add(new($"yield ≥ {ResultFiles.Number(threshold)} (95% CI)", summaries.Select(Yield)));
        return columns;
    }

    /// <summary>The paired mean difference to the baseline ± its 95% CI half-width, signed.</summary>
    private static string Difference(PointSummary s, int baseline)
    {
        if (s.Point == baseline) return "baseline";
        if (s.PairedDifference is not { } d || double.IsNaN(d.Mean)) return "n/a";
        return WithInterval(d.Mean.ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture), d.Ci95HalfWidth);
    }

    /// <summary>Chips reaching the threshold, their share and its exact interval, e.g. <c>18/20 90.0% [68.3, 98.8]</c>.</summary>
    private static string Yield(PointSummary s) => s.Yield is not { Chips: > 0 } y
        ? "n/a"
        : $"{y.Passing}/{y.Chips} {Format(100 * y.Fraction, "F1")}% [{Format(100 * y.Ci95Low, "F1")}, {Format(100 * y.Ci95High, "F1")}]";

    private static string WithInterval(string mean, double halfWidth) =>
        double.IsFinite(halfWidth) ? $"{mean} ± {Format(halfWidth, "F4")}" : mean;

    private static string Format(double value, string format) =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "n/a";
}
