using DistSnn.Core.Snn;

namespace DistSnn.Core.Models;

/// <summary>How a spec names its model: <c>builtin:NAME</c>, or the path of a safetensors file.</summary>
public static class ModelReference
{
    public const string BuiltinPrefix = "builtin:";

    /// <param name="baseDirectory">What a relative path is relative to (the spec file's directory); null = the working directory.</param>
    /// <param name="origin">The spec (or command line) the reference came from, named in error messages.</param>
    public static SnnModel Resolve(string model, string? baseDirectory, string origin)
    {
        if (model.StartsWith(BuiltinPrefix, StringComparison.Ordinal)) return BuiltinModels.Load(model[BuiltinPrefix.Length..], origin);
        return ModelFile.Load(ResolvePath(model, baseDirectory, origin)!);
    }

    /// <summary>The absolute path of a model file, checked to exist; null for a built-in model.</summary>
    public static string? ResolvePath(string model, string? baseDirectory, string origin)
    {
        if (model.StartsWith(BuiltinPrefix, StringComparison.Ordinal)) return null;
        if (string.IsNullOrWhiteSpace(model))
            throw new InputException(origin, "model", $"expected the path of a .safetensors file or {BuiltinPrefix}NAME");
        string path = Path.GetFullPath(model, Path.GetFullPath(baseDirectory ?? Directory.GetCurrentDirectory()));
        if (!File.Exists(path)) throw new InputException(origin, "model", $"file not found: {path}");
        return path;
    }
}
