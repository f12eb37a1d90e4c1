using DistSnn.Core.Data;

namespace DistSnn.Core.Study;

/// <summary>
/// Reads a <c>distsnn-study/1</c> spec (a YAML file, or text such as the built-in demo), applies the command-line
/// <c>--set</c> overrides and validates everything, sweep points included, before anything runs. Every problem is
/// an <see cref="InputException"/> naming the origin, the dotted key (and line) and what was expected.
/// </summary>
public static partial class StudySpecReader
{
    /// <summary>The name of a study read from text that does not say one.</summary>
    public const string DefaultName = "study";

    /// <summary>A sweep grid larger than this is a mistake, not a study: every point runs at least one trial.</summary>
    public const int MaxPoints = 100_000;

    private const string BuiltinPrefix = "builtin:";

    /// <summary>Every dotted key of the schema (sections and settings), in the order the docs present them.</summary>
    public static IReadOnlyList<string> KnownKeys { get; } = SpecSchema.Keys.Select(k => k.Path).ToList();

    /// <param name="path">The YAML file; relative model and data paths resolve against its directory.</param>
    /// <param name="sets"><c>--set</c> strings <c>dotted.key=value</c>, applied in order after the file.</param>
    public static StudySpec ReadFile(string path, IReadOnlyList<string> sets)
    {
        string text;
        string fullPath;
        try
        {
            if (Directory.Exists(path)) throw new InputException(path, "", "is a directory; expected a YAML study spec");
            fullPath = Path.GetFullPath(path);
            text = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException || (e is ArgumentException && string.IsNullOrWhiteSpace(path)))
        {
            throw new InputException(path, "", "file not found");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new InputException(path, "", $"cannot read the file: {e.Message}");
        }
        return Read(text, path, Path.GetDirectoryName(fullPath), sets, Path.GetFileNameWithoutExtension(fullPath));
    }

    /// <param name="text">The YAML.</param>
    /// <param name="origin">Names the text in errors: a file path or <c>builtin:demo</c>.</param>
    /// <param name="baseDirectory">Where relative model and data paths resolve; null = the current directory.</param>
    /// <param name="sets"><c>--set</c> strings <c>dotted.key=value</c>, applied in order after the text.</param>
    public static StudySpec ReadText(string text, string origin, string? baseDirectory, IReadOnlyList<string> sets) =>
        Read(text, origin, baseDirectory, sets, DefaultName);

    private static StudySpec Read(string text, string origin, string? baseDirectory, IReadOnlyList<string> sets, string defaultName)
    {
        SpecMap root = SpecTreeLoader.LoadDocument(text, origin);
        var overrides = sets.Select(SettingOverride.Parse).ToList();
        foreach (SettingOverride setting in overrides) setting.ApplyTo(root);

        SpecKeyCheck.Check(root, origin);
        SpecValues values = SpecValues.Bind(root, origin);
        TrialCount trials = TrialCountBinder.Bind(root, origin);
        IReadOnlyList<SweepBinder.Axis> axes = SweepBinder.Bind(root, origin);
        IReadOnlyList<TileOverridesBinder.Entry> tileOverrides = TileOverridesBinder.Read(root, origin);
        foreach (SettingOverride setting in overrides)
        {
            // Both would claim the same setting; neither silently winning is the only unsurprising answer.
            if (axes.FirstOrDefault(a => setting.Covers(a.Key.Path)) is { } swept)
                throw new InputException(SettingOverride.Origin, $"--set {setting.Key}", $"{swept.Key.Path} is swept; remove it from sweep or do not --set it");
        }

        string name = values.Text("name") ?? DefaultNameOr(defaultName, origin);
        values = values.With("name", name, null);

        string model = values.Text("model")
            ?? throw new InputException(origin, "model", "required: the model file (relative to the spec) or builtin:NAME");
        string? modelPath = null;
        if (model.StartsWith(BuiltinPrefix, StringComparison.Ordinal))
        {
            if (model.Length == BuiltinPrefix.Length) throw values.Problem("model", $"expected builtin:NAME, got '{model}'");
        }
        else
        {
            modelPath = Resolve(model, baseDirectory, values, "model");
        }

        string? dataPath = values.Text("data.path") is { } writtenData ? Resolve(writtenData, baseDirectory, values, "data.path") : null;
        var data = new DataSpec(
            values.Required<string>("data.source"),
            dataPath,
            values.Required<string>("data.split"),
            (int?)values.Integer("data.limit"),
            (int)values.Required<long>("data.offset"),
            values.Choice<CsvNormalization>("data.normalize"));

        if (data.Source != "csv" && data.Normalize is not null)
            throw values.Problem("data.normalize", $"applies to a csv source only: the {data.Source} source is already in [0, 1]; remove data.normalize");
        // One file holds one set of samples: a split written for it would be silently ignored, so refuse it.
        if (data.Source is "idx" or "csv" && values.IsWritten("data.split"))
            throw values.Problem("data.split", $"the {data.Source} source is one file with no test/train split; remove data.split (data.offset and data.limit choose the samples)");

        List<StudyPoint> points = ExpandGrid(values, axes, tileOverrides, origin);
        DeviceKeyCheck.Check(values, axes, points, tileOverrides, origin);
        int baseline = (int)(values.Integer(SpecSchema.Baseline) ?? 0);
        if (baseline >= points.Count)
            throw values.Problem(SpecSchema.Baseline, $"expected a sweep point index in 0..{points.Count - 1} (the study has {points.Count} point(s)), got {baseline}");

        return new StudySpec
        {
            Name = name,
            Seed = (uint)values.Required<long>("seed"),
            Model = model,
            ModelPath = modelPath,
            Data = data,
            Trials = trials,
            Batch = (int)values.Required<long>("batch"),
            Sweep = axes.Select(a => a.Public).ToList(),
            Points = points,
            Baseline = baseline,
            Placement = values.Required<TilePlacement>(SpecSchema.Placement),
            IdealReference = values.Required<bool>(SpecSchema.IdealReference),
            YieldThreshold = values.Number(SpecSchema.YieldThreshold),
            Energy = new EnergySettings(values.Required<double>("energy.device_read_fj"), values.Required<double>("energy.adc_conversion_pj"),
                values.Required<double>("energy.neuron_update_pj")),
            Overrides = tileOverrides.Select(o => o.Public).ToList(),
            Origin = origin,
            CanonicalText = CanonicalSpecText.Build(values, trials, axes.Select(a => a.Public), TileOverridesBinder.CanonicalLines(tileOverrides)),
            EffectiveText = CanonicalSpecText.Build(values, trials, axes.Select(a => a.Public), TileOverridesBinder.CanonicalLines(tileOverrides), withDefaults: true),
        };
    }

    /// <summary>The cartesian grid of the axes, first axis slowest; each point bound and validated on its own.</summary>
    private static List<StudyPoint> ExpandGrid(SpecValues values, IReadOnlyList<SweepBinder.Axis> axes, IReadOnlyList<TileOverridesBinder.Entry> tileOverrides, string origin)
    {
        long count = 1;
        foreach (var axis in axes)
        {
            count *= axis.Values.Count;
            if (count > MaxPoints)
                throw new InputException(origin, "sweep", $"the sweep grid has more than {MaxPoints} points; sweep fewer values");
        }

        var points = new List<StudyPoint>((int)count);
        var index = new int[axes.Count];
        for (int p = 0; p < count; p++)
        {
            int rest = p;
            for (int a = axes.Count - 1; a >= 0; a--)
            {
                index[a] = rest % axes[a].Values.Count;
                rest /= axes[a].Values.Count;
            }

            SpecValues at = values;
            var coordinates = new string[axes.Count];
            for (int a = 0; a < axes.Count; a++)
            {
                SweepBinder.Value value = axes[a].Values[index[a]];
                at = at.With(axes[a].Key.Path, value.Typed, value.Node, value.Within);
                coordinates[a] = axes[a].Public.Values[index[a]];
            }
            string where = axes.Count == 0
                ? ""
                : $" at sweep point {p} ({string.Join(", ", axes.Select((axis, a) => $"{axis.Key.Path}={coordinates[a]}"))})";
            PointSettings settings = PointSettingsBinder.Bind(at, where);
            if (tileOverrides.Count > 0)
                settings = settings with { Crossbar = settings.Crossbar with { Overrides = TileOverridesBinder.Bind(tileOverrides, at, where) } };
            points.Add(new StudyPoint(p, coordinates, settings));
        }
        return points;
    }

    private static string DefaultNameOr(string defaultName, string origin)
    {
        if (TextType.StudyName.Parse(defaultName, out _) is string name) return name;
        throw new InputException(origin, "name",
            $"the spec has no name and '{defaultName}' (from the file name) is not one: expected {TextType.StudyName.Expected}; add name: to the spec");
    }

    private static string Resolve(string written, string? baseDirectory, SpecValues values, string key)
    {
        try
        {
            return Path.GetFullPath(Path.Combine(baseDirectory ?? Directory.GetCurrentDirectory(), written));
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw values.Problem(key, $"expected a file path, got '{written}' ({e.Message})");
        }
    }
}
