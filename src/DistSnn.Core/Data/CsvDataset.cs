using System.Globalization;

namespace DistSnn.Core.Data;

/// <summary>
/// A labelled data set in a CSV file (gzip-compressed or not), as the README's "CSV data" section documents: one
/// sample per line, comma-separated; the feature values and one integer label (0, 1, 2, ...), in the last column
/// unless a header names another column <c>label</c>. A first line with any cell that is not a number is a header:
/// it must name every column (no empty name) and have as many columns as the rows. Blank lines are skipped; every
/// other line must be a row of numbers with the same number of columns, or the file is refused with its line.
/// </summary>
public static class CsvDataset
{
    /// <summary>Labels above this are almost surely a wrong column, and would make per-class arrays huge.</summary>
    public const int MaxLabel = 65_535;

    /// <summary>The header name that moves the label from the last column to its own.</summary>
    public const string LabelName = "label";

    public static Dataset Load(string path, CsvNormalization normalization = CsvNormalization.MinMax, string? name = null)
    {
        Rows rows = DataFile.Read(path, (stream, _) =>
        {
            using var reader = new StreamReader(stream);
            return ReadRows(reader, path);
        });
        float[] values = normalization == CsvNormalization.MinMax
            ? NormaliseMinMax(rows.Values, rows.Features)
            : CheckUnitRange(rows, path);
        return new Dataset(name ?? Path.GetFileNameWithoutExtension(path), rows.Features, values, rows.Labels, rows.Labels.Max() + 1);
    }

    /// <summary>Feature values as written (row-major <c>[Labels.Length, Features]</c>), their labels, and the line each row came from.</summary>
    internal sealed record Rows(int Features, double[] Values, int[] Labels, int[] LineNumbers);

    internal static Rows ReadRows(TextReader reader, string origin)
    {
        var values = new List<double>();
        var labels = new List<int>();
        var lineNumbers = new List<int>();
        int columns = -1;
        int labelColumn = -1;
        int headerLine = 0;
        string[]? header = null;
        int lineNumber = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            string[] cells = line.Split(',');
            string field = $"line {lineNumber}";
            if (header is null && columns < 0 && !cells.All(c => TryParseNumber(c, out _)))
            {
                header = cells.Select(c => c.Trim()).ToArray();
                headerLine = lineNumber;
                CheckHeader(header, origin, field);
                continue;
            }
            if (columns < 0)
            {
                if (cells.Length < 2)
                    throw new InputException(origin, field, "expected at least one feature and a label, comma-separated");
                columns = cells.Length;
                if (header is not null)
                {
                    if (header.Length != columns)
                    {
                        throw new InputException(origin, $"line {headerLine}",
                            $"the header names {header.Length} column(s) but the first row (line {lineNumber}) has {columns}; expected one name per column (or no header)");
                    }
                    var named = header.Select((h, i) => (h, i)).Where(c => string.Equals(c.h, LabelName, StringComparison.OrdinalIgnoreCase)).ToList();
                    if (named.Count > 1)
                        throw new InputException(origin, $"line {headerLine}", $"expected at most one column named '{LabelName}', got {named.Count}");
                    labelColumn = named.Count == 1 ? named[0].i : columns - 1;
                }
                else
                {
                    labelColumn = columns - 1;
                }
            }
            else if (cells.Length != columns)
            {
                throw new InputException(origin, field, $"expected {columns} columns like the rows above, got {cells.Length}");
            }
            for (int c = 0; c < columns; c++)
            {
                if (c == labelColumn) continue;
                if (!TryParseNumber(cells[c], out double v))
                    throw new InputException(origin, field, $"column {c + 1}: expected a finite number, got '{cells[c].Trim()}'");
                values.Add(v);
            }
            string labelText = cells[labelColumn];
            if (!TryParseNumber(labelText, out double label) || label != Math.Floor(label) || label < 0 || label > MaxLabel)
            {
                string which = labelColumn == columns - 1 ? "last column (the label)" : $"column {labelColumn + 1} (the label)";
                throw new InputException(origin, field, $"{which}: expected an integer label 0..{MaxLabel}, got '{labelText.Trim()}'");
            }
            labels.Add((int)label);
            lineNumbers.Add(lineNumber);
        }
        if (labels.Count == 0) throw new InputException(origin, "", "expected at least one data row");
        return new Rows(columns - 1, values.ToArray(), labels.ToArray(), lineNumbers.ToArray());
    }

    /// <summary>A header names every column: an empty name is a column nobody meant (often a pandas index, written without index=False).</summary>
    private static void CheckHeader(string[] header, string origin, string field)
    {
        for (int i = 0; i < header.Length; i++)
        {
            if (header[i].Length == 0)
            {
                throw new InputException(origin, field,
                    $"header column {i + 1} has no name; expected a name for every column (a first line with any non-number is a header; an unnamed first column is often a pandas index: write the file with index=False)");
            }
            // A missing-value marker among numbers is a data row with a hole, not a header: reading it as one would drop a sample silently.
            if (MissingValueMarkers.Contains(header[i]) && header.Any(h => TryParseNumber(h, out _)))
            {
                throw new InputException(origin, field,
                    $"column {i + 1} is '{header[i]}' among numbers: expected a row of numbers (no missing values) or a header of column names");
            }
        }
    }

    /// <summary>How files mark a missing value; never a column's name.</summary>
    private static readonly HashSet<string> MissingValueMarkers = new(StringComparer.OrdinalIgnoreCase) { "NA", "N/A", "NaN", "null", "None", "?", "-" };

    /// <summary>Per-feature min-max scaling over all rows given, clamped to [0, 1] against rounding.</summary>
    internal static float[] NormaliseMinMax(double[] values, int features)
    {
        int count = values.Length / features;
        var min = new double[features];
        var max = new double[features];
        Array.Fill(min, double.PositiveInfinity);
        Array.Fill(max, double.NegativeInfinity);
        for (int r = 0; r < count; r++)
        {
            for (int f = 0; f < features; f++)
            {
                double v = values[r * features + f];
                min[f] = Math.Min(min[f], v);
                max[f] = Math.Max(max[f], v);
            }
        }
        var result = new float[values.Length];
        for (int r = 0; r < count; r++)
        {
            for (int f = 0; f < features; f++)
            {
                double range = max[f] - min[f];
                double scaled = range > 0 ? (values[r * features + f] - min[f]) / range : 0.0;
                result[r * features + f] = (float)Math.Clamp(scaled, 0.0, 1.0);
            }
        }
        return result;
    }

    private static float[] CheckUnitRange(Rows rows, string origin)
    {
        var result = new float[rows.Values.Length];
        for (int i = 0; i < result.Length; i++)
        {
            double v = rows.Values[i];
            if (v < 0 || v > 1)
            {
                throw new InputException(origin, $"line {rows.LineNumbers[i / rows.Features]}",
                    $"column {i % rows.Features + 1}: expected a value in [0, 1] (normalisation none), got {v.ToString("R", CultureInfo.InvariantCulture)}");
            }
            result[i] = (float)v;
        }
        return result;
    }

    private static bool TryParseNumber(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
}
