using DistSnn.Core.Snn;

namespace DistSnn.Core.Models;

/// <summary>Models embedded in the assembly (<c>Models/Builtin/NAME.safetensors</c>), named in a spec as <c>builtin:NAME</c>.</summary>
public static class BuiltinModels
{
    private const string ResourcePrefix = "DistSnn.Models.";
    private const string ResourceSuffix = ".safetensors";

    public static IReadOnlyList<string> Names { get; } = typeof(BuiltinModels).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(ResourceSuffix, StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..^ResourceSuffix.Length])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <param name="origin">The spec (or command line) that asked for the model, named when the name is unknown.</param>
    public static SnnModel Load(string name, string origin)
    {
        if (!Names.Contains(name))
        {
            string known = Names.Count == 0 ? "(none)" : string.Join(", ", Names);
            throw new InputException(origin, "model", $"unknown built-in model '{name}'; built-in models: {known}");
        }
        using Stream stream = typeof(BuiltinModels).Assembly.GetManifestResourceStream(ResourcePrefix + name + ResourceSuffix)!;
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        string source = ModelReference.BuiltinPrefix + name;
        return ModelFile.FromSafetensors(SafetensorsFile.Parse(bytes, source), source);
    }
}
