namespace DistSnn.Cli.Terminal;

/// <summary>
/// One column of the <see cref="SummaryTable"/> with the widths that decide its layout: the natural width (every
/// line on one line) and the minimum (the longest word: a cell may wrap at a space, never inside a number).
/// </summary>
internal sealed class SummaryColumn(string header, IEnumerable<string> cells)
{

    public string Header { get; private set; } = header;

    public IReadOnlyList<string> Cells { get; } = cells.ToList();

    /// <summary>0: always shown; otherwise dropped, lowest rank first, when the table cannot fit its console.</summary>
    public int DropRank { get; init; }

    /// <summary>The width given to Spectre (fixed, so that Spectre never narrows it further and splits a word).</summary>
    public int Width { get; private set; }

    public int NaturalWidth => Lines().Max(l => l.Length);

    public int MinimumWidth => Lines().SelectMany(l => l.Split(' ')).Max(w => w.Length);

    /// <summary>A dotted key header (<c>read.sigma</c>) over two lines, for a table that is too wide for it on one.</summary>
    public void BreakHeaderAtDots() => Header = Header.Replace(".", ".\n", StringComparison.Ordinal);

    /// <summary>The width of a table whose columns are <paramref name="width"/> wide: per column the border to its
    /// left and a padding of one on each side (<paramref name="compact"/>: on the left only), and one border at the right.</summary>
    public static int TableWidth(IEnumerable<SummaryColumn> columns, Func<SummaryColumn, int> width, bool compact) =>
        columns.Sum(c => width(c) + (compact ? 2 : 3)) + 1;

    /// <summary>Natural widths, then the widest column narrowed a character at a time, never below its longest word.</summary>
    public static void FitWidths(IReadOnlyList<SummaryColumn> columns, int consoleWidth, bool compact)
    {
        foreach (SummaryColumn column in columns) column.Width = column.NaturalWidth;
        while (TableWidth(columns, c => c.Width, compact) > consoleWidth)
        {
            SummaryColumn? widest = columns.Where(c => c.Width > c.MinimumWidth).MaxBy(c => c.Width);
            if (widest is null) return; // Even the words alone do not fit: wider than the console, but whole numbers.
            widest.Width--;
        }
    }

    private IEnumerable<string> Lines() => Header.Split('\n').Concat(Cells.SelectMany(c => c.Split('\n')));
}
