namespace DistSnn.Core.Models;

/// <summary>What a safetensors file holds: named tensors and the string-to-string <c>__metadata__</c>.</summary>
public sealed class SafetensorsContent
{
    public SafetensorsContent(IReadOnlyDictionary<string, SafetensorsTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        if (tensors.ContainsKey(SafetensorsFile.MetadataKey))
            throw new ArgumentException($"'{SafetensorsFile.MetadataKey}' is reserved and cannot name a tensor");
        Tensors = tensors;
        Metadata = metadata ?? new Dictionary<string, string>();
    }

    public IReadOnlyDictionary<string, SafetensorsTensor> Tensors { get; }
    public IReadOnlyDictionary<string, string> Metadata { get; }
}
