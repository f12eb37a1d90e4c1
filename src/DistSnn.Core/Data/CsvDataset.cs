using System.Globalization;

namespace DistSnn.Core.Data;

/// <summary>
/// A labelled data set in a CSV file (gzip-compressed or not): one sample per line, the feature values, then an
/// integer label (0, 1, 2, ...) in the last column. A first line that is not all numbers is a header and is
/// skipped; blank lines are skipped.
/// </summary>
public static class CsvDataset
{
    /// <summary>Labels above this are almost surely a wrong column, and would make per-class arrays huge.</summary>
    public const int MaxLabel = 65_535;

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
        int features = -1;
        int lineNumber = 0;
        bool sawFirstLine = false;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            string[] cells = line.Split(',');
            if (!sawFirstLine)
            {
                sawFirstLine = true;
                if (!cells.All(c => TryParseNumber(c, out _))) continue; // a header
            }
            string field = $"line {lineNumber}";
            if (cells.Length < 2)
                throw new InputException(origin, field, "expected at least one feature and a label, comma-separated");
            if (features < 0) features = cells.Length - 1;
            else if (cells.Length - 1 != features)
                throw new InputException(origin, field, $"expected {features + 1} columns like the rows above, got {cells.Length}");
            for (int c = 0; c < features; c++)
            {
                if (!TryParseNumber(cells[c], out double v))
                    throw new InputException(origin, field, $"column {c + 1}: expected a finite number, got '{cells[c].Trim()}'");
                values.Add(v);
            }
            string labelText = cells[^1];
            if (!TryParseNumber(labelText, out double label) || label != Math.Floor(label) || label < 0 || label > MaxLabel)
                throw new InputException(origin, field, $"last column: expected an integer label 0..{MaxLabel}, got '{labelText.Trim()}'");
            labels.Add((int)label);
            lineNumbers.Add(lineNumber);
        }
        if (labels.Count == 0) throw new InputException(origin, "", "expected at least one data row");
        return new Rows(features, values.ToArray(), labels.ToArray(), lineNumbers.ToArray());
    }

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
