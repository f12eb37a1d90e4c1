using System.Globalization;
using DistSnn.Core.Study;
using Spectre.Console;

namespace DistSnn.Cli.Terminal;

/// <summary>The per-point accuracy table printed at the end of a study.</summary>
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
            table.AddRow(cells.ToArray());
        }
        console.Write(table);
    }

    private static string Format(double value, string format) =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "n/a";
}
