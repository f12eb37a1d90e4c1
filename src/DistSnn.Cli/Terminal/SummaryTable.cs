using System.Globalization;
using DistSnn.Core.Study;
using Spectre.Console;

namespace DistSnn.Cli.Terminal;

/// <summary>The per-point accuracy table printed at the end of a study, with each point's paired difference to the baseline point.</summary>
public static class SummaryTable
{
    public static void Write(TextWriter writer, StudySpec spec, IReadOnlyList<PointSummary> summaries)
    {
        bool terminal = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
        });
        // A log file has no width: do not wrap the table at Spectre's default of 80 columns.
        if (!terminal) console.Profile.Width = 240;
        var table = new Table().Title($"study {Markup.Escape(spec.Name)}: accuracy per point (mean, Student-t 95% CI)");
        table.AddColumn(new TableColumn("point").RightAligned());
        foreach (SweepAxis axis in spec.Sweep) table.AddColumn(new TableColumn(Markup.Escape(axis.Key)).RightAligned());
        table.AddColumn(new TableColumn("trials").RightAligned());
        table.AddColumn(new TableColumn("accuracy").RightAligned());
        table.AddColumn(new TableColumn("± 95% CI").RightAligned());
        table.AddColumn(new TableColumn("std").RightAligned());
        table.AddColumn(new TableColumn("min").RightAligned());
        table.AddColumn(new TableColumn("max").RightAligned());
        bool adc = summaries.Any(s => s.AdcClipFraction > 0);
        if (adc) table.AddColumn(new TableColumn("ADC clipped").RightAligned());
        // Trial k is the same chip at every point, so this difference is far sharper than comparing two CIs by eye.
        bool paired = spec.Points.Count > 1;
        if (paired) table.AddColumn(new TableColumn($"Δ vs point {spec.Baseline}").RightAligned());

        foreach (PointSummary s in summaries)
        {
            var cells = new List<string> { s.Point.ToString(CultureInfo.InvariantCulture) };
            cells.AddRange(s.Coordinates.Select(Markup.Escape));
            cells.Add(s.Trials.ToString(CultureInfo.InvariantCulture));
            cells.Add(Format(s.Mean, "F4"));
            cells.Add(Format(s.Ci95HalfWidth, "F4"));
            cells.Add(Format(s.Std, "F4"));
            cells.Add(Format(s.Min, "F4"));
            cells.Add(Format(s.Max, "F4"));
            if (adc) cells.Add(Format(100 * s.AdcClipFraction, "F2") + "%");
            if (paired) cells.Add(Difference(s, spec.Baseline));
            table.AddRow(cells.ToArray());
        }
        console.Write(table);
    }

    /// <summary>The paired mean difference to the baseline ± its 95% CI half-width, signed.</summary>
    private static string Difference(PointSummary s, int baseline)
    {
        if (s.Point == baseline) return "baseline";
        if (s.PairedDifference is not { } d || double.IsNaN(d.Mean)) return "n/a";
        string mean = d.Mean.ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture);
        return double.IsFinite(d.Ci95HalfWidth) ? $"{mean} ± {Format(d.Ci95HalfWidth, "F4")}" : mean;
    }

    private static string Format(double value, string format) =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "n/a";
}
