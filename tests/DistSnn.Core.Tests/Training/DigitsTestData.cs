using System.Globalization;
using System.IO.Compression;
using DistSnn.Core.Data;
using DistSnn.Core.Snn;

namespace DistSnn.Core.Tests.Training;

/// <summary>
/// Test-only loader for the built-in digits set (gzip CSV: 64 pixels 0..16, then the label), until the
/// real data loader lands. Reads the copy embedded in DistSnn.Core, the same bytes as
/// shared/datasets/digits.csv.gz, so the tests run wherever the assembly does.
/// </summary>
internal static class DigitsTestData
{
    public const int TrainCount = 1200;

    private static readonly Lazy<Dataset> All = new(Load);

    /// <summary>The first 1,200 rows.</summary>
    public static Dataset Train => All.Value.Slice(0, TrainCount);

    /// <summary>The remaining 597 rows.</summary>
    public static Dataset Test => All.Value.Slice(TrainCount, All.Value.Count - TrainCount);

    private static Dataset Load()
    {
        using Stream resource = typeof(SnnModel).Assembly.GetManifestResourceStream("DistSnn.Data.digits.csv.gz")
            ?? throw new InvalidOperationException("digits resource missing from DistSnn.Core");
        using var reader = new StreamReader(new GZipStream(resource, CompressionMode.Decompress));
        var values = new List<float>();
        var labels = new List<int>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0) continue;
            string[] fields = line.Split(',');
            for (int i = 0; i < 64; i++) values.Add(float.Parse(fields[i], CultureInfo.InvariantCulture) / 16f);
            labels.Add(int.Parse(fields[64], CultureInfo.InvariantCulture));
        }
        return new Dataset("digits", 64, values.ToArray(), labels.ToArray(), 10, [8, 8]);
    }
}
