namespace DistSnn.Core.Study;

/// <summary>One dotted key of the <c>distsnn-study/1</c> schema.</summary>
/// <param name="Path">The dotted key, e.g. <c>crossbar.device.read.sigma</c>.</param>
/// <param name="Type">The grammar of a <see cref="SpecKeyShape.Value"/> key; null for the other shapes.</param>
/// <param name="Default">The typed value when the key is absent; null = none (the model's, or unset).</param>
/// <param name="Sweepable">Part of <see cref="PointSettings"/>, so it may differ between sweep points.</param>
internal sealed record SpecKey(string Path, SpecKeyShape Shape, SpecValueType? Type = null, object? Default = null, bool Sweepable = false)
{
    /// <summary>The dotted key of the section holding this one; empty at the top.</summary>
    public string Parent => Path.LastIndexOf('.') is var dot and >= 0 ? Path[..dot] : "";

    /// <summary>The last segment, as written in YAML.</summary>
    public string Name => Path[(Path.LastIndexOf('.') + 1)..];

    public SpecValueType ValueType => Type ?? throw new InvalidOperationException($"{Path} is not a value key");
}
