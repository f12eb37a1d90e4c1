namespace DistSnn.Core.Data;

/// <summary>Turns a study's <see cref="DataSpec"/> into the samples it runs on.</summary>
public static class DataLoader
{
    public const string DefaultFashionMnistDirectory = "/usr/share/datasets/fashion-mnist";

    public static readonly IReadOnlyList<string> Sources = new[] { "digits", "breast-cancer", "fashion-mnist", "mnist", "idx", "csv" };

    /// <param name="baseDirectory">What a relative <see cref="DataSpec.Path"/> is relative to (the spec file's directory); null = the working directory.</param>
    /// <param name="origin">The spec file, named in error messages about the spec's fields.</param>
    public static Dataset Load(DataSpec spec, string? baseDirectory, string origin)
    {
        if (spec.Offset < 0) throw new InputException(origin, "data.offset", $"expected 0 or more, got {spec.Offset}");
        if (spec.Limit is < 1) throw new InputException(origin, "data.limit", $"expected 1 or more, got {spec.Limit}");

        Dataset all = spec.Source switch
        {
            _ when BuiltinDatasets.Names.Contains(spec.Source) => BuiltinDatasets.Load(spec.Source, Builtin(spec, origin))!,
            "fashion-mnist" => LoadMnistDirectory(spec, spec.Path ?? DefaultFashionMnistDirectory, baseDirectory, origin),
            "mnist" => LoadMnistDirectory(spec, spec.Path
                ?? throw new InputException(origin, "data.path", "expected the directory holding the MNIST IDX files"), baseDirectory, origin),
            "idx" => LoadIdxPair(RequiredPath(spec, "an IDX images file", baseDirectory, origin), origin, NeededItems(spec)),
            "csv" => CsvDataset.Load(RequiredPath(spec, "a CSV file", baseDirectory, origin), spec.Normalize ?? CsvNormalization.MinMax),
            _ => throw new InputException(origin, "data.source", $"expected one of {string.Join(", ", Sources)}, got '{spec.Source}'"),
        };

        if (spec.Offset >= all.Count)
        {
            string set = spec.Source is "csv" or "idx" ? all.Name : $"{all.Name} ({spec.Split})"; // files have no split
            throw new InputException(origin, "data.offset", $"offset {spec.Offset} is past the end of the data: {set} has {all.Count} samples");
        }
        // A limit the data cannot meet is refused, not clamped: the study would report fewer samples than asked for.
        if (spec.Limit is int limit && limit > all.Count - spec.Offset)
        {
            string set = spec.Source is "csv" or "idx" ? all.Name : $"{all.Name} ({spec.Split})";
            string from = spec.Offset == 0 ? "" : $" from offset {spec.Offset}";
            throw new InputException(origin, "data.limit",
                $"expected at most {all.Count - spec.Offset} samples{from} ({set} has {all.Count}), got {limit}; lower data.limit or leave it out for all of them");
        }
        int count = spec.Limit ?? all.Count - spec.Offset;
        return spec.Offset == 0 && count == all.Count ? all : all.Slice(spec.Offset, count);
    }

    private static string Builtin(DataSpec spec, string origin)
    {
        if (spec.Path is not null)
            throw new InputException(origin, "data.path", $"the built-in {spec.Source} set takes no path, got '{spec.Path}'");
        return CheckSplit(spec, origin);
    }

    private static string CheckSplit(DataSpec spec, string origin) => spec.Split is "test" or "train"
        ? spec.Split
        : throw new InputException(origin, "data.split", $"expected test or train, got '{spec.Split}'");

    /// <summary>A directory holding <c>t10k-*</c> (test) and <c>train-*</c> files, gzip-compressed or not.</summary>
    private static Dataset LoadMnistDirectory(DataSpec spec, string path, string? baseDirectory, string origin)
    {
        string split = CheckSplit(spec, origin);
        string directory = Resolve(path, baseDirectory);
        if (!Directory.Exists(directory))
            throw new InputException(origin, "data.path", $"{spec.Source} directory not found: {directory}");
        string prefix = split == "test" ? "t10k" : "train";
        string images = FindIdx(directory, $"{prefix}-images-idx3-ubyte", origin);
        string labels = FindIdx(directory, $"{prefix}-labels-idx1-ubyte", origin);
        return IdxFile.LoadDataset(images, labels, spec.Source, classes: 10, maxItems: NeededItems(spec));
    }

    /// <summary>The leading samples a study of <paramref name="spec"/> can use: an IDX file is read no further.
    /// (An offset past the end still shows, with the file's full count, as it loads no more than it holds.)</summary>
    private static int? NeededItems(DataSpec spec) =>
        spec.Limit is int limit ? (int)Math.Min(int.MaxValue, (long)spec.Offset + limit) : null;

    private static string FindIdx(string directory, string name, string origin)
    {
        string raw = Path.Combine(directory, name);
        if (File.Exists(raw + ".gz")) return raw + ".gz";
        if (File.Exists(raw)) return raw;
        throw new InputException(origin, "data.path", $"IDX file not found: {raw}[.gz]");
    }

    /// <summary>An images file given by path; its labels file is named alike with <c>labels-idx1</c> for <c>images-idx3</c>.</summary>
    private static Dataset LoadIdxPair(string images, string origin, int? maxItems)
    {
        string name = Path.GetFileName(images);
        if (!name.Contains("images-idx3", StringComparison.Ordinal))
        {
            throw new InputException(origin, "data.path",
                $"expected an IDX images file whose name contains 'images-idx3' (its labels file is named alike with 'labels-idx1'), got {images}");
        }
        string labels = Path.Combine(Path.GetDirectoryName(images) ?? "", name.Replace("images-idx3", "labels-idx1", StringComparison.Ordinal));
        if (!File.Exists(labels)) throw new InputException(origin, "data.path", $"IDX labels file not found: {labels}");
        return IdxFile.LoadDataset(images, labels, Path.GetFileName(images), maxItems: maxItems);
    }

    private static string RequiredPath(DataSpec spec, string what, string? baseDirectory, string origin)
    {
        if (string.IsNullOrWhiteSpace(spec.Path)) throw new InputException(origin, "data.path", $"expected the path of {what}");
        string path = Resolve(spec.Path, baseDirectory);
        if (!File.Exists(path)) throw new InputException(origin, "data.path", $"{spec.Source} file not found: {path}");
        return path;
    }

    private static string Resolve(string path, string? baseDirectory) =>
        Path.GetFullPath(path, Path.GetFullPath(baseDirectory ?? Directory.GetCurrentDirectory()));
}
