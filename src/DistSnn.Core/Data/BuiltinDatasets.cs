using System.IO.Compression;

namespace DistSnn.Core.Data;

/// <summary>
/// The two small real data sets embedded in the assembly, so that a study runs without any download.
/// Each is cut into a fixed train and test split (the first rows train, the rest test).
/// </summary>
public static class BuiltinDatasets
{
    public const int DigitsTrainCount = 1_200;
    public const int BreastCancerTrainCount = 455;

    /// <summary>What the embedded copies require to be shown wherever they are used (printed by the command).</summary>
    public const string Attribution =
        "Built-in data sets, scikit-learn's bundled copies of UCI data (from Debian's python3-sklearn):\n" +
        "* digits: UCI Optical Recognition of Handwritten Digits, test part (1,797 images of 8x8 pixels). " +
        "Creator E. Alpaydin; UCI Machine Learning Repository; licence CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).\n" +
        "* breast-cancer: UCI Breast Cancer Wisconsin (Diagnostic) (569 samples, 30 real features; label 0 = malignant, 1 = benign). " +
        "Creators W. H. Wolberg, W. N. Street, O. L. Mangasarian; UCI Machine Learning Repository; licence CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).";

    /// <summary>The data sources that are built in (the names a spec's <c>data.source</c> gives them).</summary>
    public static IReadOnlyList<string> Names { get; } = ["digits", "breast-cancer"];

    /// <summary>Built-in set <paramref name="name"/>'s <paramref name="split"/>; null when no such set is built in.</summary>
    public static Dataset? Load(string name, string split) => name switch
    {
        "digits" => Digits(split),
        "breast-cancer" => BreastCancer(split),
        _ => null,
    };

    /// <summary>8x8 handwritten digits, pixel values 0..16 divided by 16; train = the first 1,200 rows, test = the other 597.</summary>
    public static Dataset Digits(string split)
    {
        bool train = IsTrain(split, "digits");
        CsvDataset.Rows rows;
        using (var gzip = new GZipStream(OpenResource("DistSnn.Data.digits.csv.gz"), CompressionMode.Decompress))
        using (var reader = new StreamReader(gzip))
            rows = CsvDataset.ReadRows(reader, "builtin:digits");
        var values = new float[rows.Values.Length];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(rows.Values[i] / 16.0);
        var all = new Dataset("digits", rows.Features, values, rows.Labels, 10, new[] { 8, 8 });
        return train ? all.Slice(0, DigitsTrainCount) : all.Slice(DigitsTrainCount, all.Count - DigitsTrainCount);
    }

    /// <summary>
    /// Breast Cancer Wisconsin (Diagnostic), 30 features, each min-max scaled over all 569 rows (so both splits share
    /// one scaling); train = the first 455 rows, test = the last 114.
    /// </summary>
    public static Dataset BreastCancer(string split)
    {
        bool train = IsTrain(split, "breast-cancer");
        CsvDataset.Rows rows;
        using (var reader = new StreamReader(OpenResource("DistSnn.Data.breast_cancer.csv")))
        {
            // scikit-learn's first line says "569,30,malignant,benign" (rows, features, class names), not a header
            // of one name per column, which is all a CSV file may have.
            reader.ReadLine();
            rows = CsvDataset.ReadRows(reader, "builtin:breast-cancer");
        }
        var values = CsvDataset.NormaliseMinMax(rows.Values, rows.Features);
        var all = new Dataset("breast-cancer", rows.Features, values, rows.Labels, 2);
        return train ? all.Slice(0, BreastCancerTrainCount) : all.Slice(BreastCancerTrainCount, all.Count - BreastCancerTrainCount);
    }

    private static bool IsTrain(string split, string name) => split switch
    {
        "train" => true,
        "test" => false,
        _ => throw new InputException($"builtin:{name}", "split", $"expected test or train, got '{split}'"),
    };

    private static Stream OpenResource(string name) =>
        typeof(BuiltinDatasets).Assembly.GetManifestResourceStream(name)
        ?? throw new InvalidOperationException($"embedded resource {name} is missing from the build");
}
