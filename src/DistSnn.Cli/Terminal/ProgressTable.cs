using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace DistSnn.Cli.Terminal;

/// <summary>
/// The live progress display of a study on a terminal, drawn afresh from each <see cref="ProgressSnapshot"/>: one
/// bar per point with its trials, time left and accuracy so far, and a bar for the whole study in the footer.
/// </summary>
internal static class ProgressTable
{
    private const int BarWidth = 24;

    public static IRenderable Of(string studyName, ProgressSnapshot snapshot)
    {
        var table = new Table()
            .Border(TableBorder.Simple)
            .Title($"study {Markup.Escape(studyName)}: {DurationText.Of(snapshot.Elapsed)} elapsed{StudyProgress.WorkersText(snapshot.Workers)}");
        table.AddColumn(new TableColumn("#").RightAligned().Footer(""));
        table.AddColumn(new TableColumn("point").Footer($"[bold]all {snapshot.Points} point(s)[/]"));
        table.AddColumn(new TableColumn("").NoWrap().Footer(Bar(snapshot.Done, snapshot.Planned)));
        // Fixed widths for the columns whose text changes, so the table does not shift as the numbers do.
        table.AddColumn(new TableColumn("trials").RightAligned().Width(16).Footer(Count(snapshot.Done, snapshot.Planned, snapshot.Adaptive)));
        table.AddColumn(new TableColumn("ETA").RightAligned().Width(7).Footer(snapshot.Done >= snapshot.Planned ? "done" : DurationText.Of(snapshot.Remaining)));
        table.AddColumn(new TableColumn("accuracy ± 95% CI").RightAligned().Width(17).Footer(""));

        foreach (PointProgress p in snapshot.Rows)
        {
            table.AddRow(
                p.Point.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(p.Label),
                Bar(p.Done, p.Planned),
                Count(p.Done, p.Planned, p.Adaptive),
                p.Done >= p.Planned ? "done" : p.Remaining is { } left ? DurationText.Of(left) : "",
                Accuracy(p.Mean, p.Ci95HalfWidth));
        }
        if (snapshot.Rows.Count < snapshot.Points)
            table.Caption($"the {snapshot.Rows.Count} most recently active of {snapshot.Points} points");
        return table;
    }

    /// <summary>A bar drawn with markup (Spectre's own progress bar is not a public widget).</summary>
    private static string Bar(int done, int planned)
    {
        int filled = planned == 0 ? BarWidth : (int)Math.Round(BarWidth * Math.Min(1.0, (double)done / planned));
        string colour = done >= planned ? "green" : "yellow";
        return $"[{colour}]{new string('━', filled)}[/][grey23]{new string('━', BarWidth - filled)}[/]";
    }

    private static string Count(int done, int planned, bool adaptive) =>
        string.Create(CultureInfo.InvariantCulture, $"{done}/{planned}") + (adaptive ? " adaptive" : "");

    private static string Accuracy(double mean, double halfWidth)
    {
        if (double.IsNaN(mean)) return "";
        string text = mean.ToString("F4", CultureInfo.InvariantCulture);
        return double.IsFinite(halfWidth) ? $"{text} ± {halfWidth.ToString("F4", CultureInfo.InvariantCulture)}" : text;
    }
}
