namespace DistSnn.Core.Models;

/// <summary>
/// Says what a file that is not safetensors starts with, and what it probably is, so that the user who passed a
/// PyTorch checkpoint or a NumPy file as a model knows what to convert rather than puzzle over a header length.
/// </summary>
internal static class NotSafetensors
{
    private static readonly (byte[] Magic, string Kind)[] Known =
    [
        ("PK\u0003\u0004"u8.ToArray(), "a zip archive, as a PyTorch .pt/.pth checkpoint is: save the state dict with safetensors.torch.save_file"),
        ([0x80], "a Python pickle: save the state dict with safetensors.torch.save_file"),
        ([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'], "a NumPy .npy array: use safetensors.numpy.save_file"),
        ([0x1f, 0x8b], "gzip-compressed: decompress it first"),
        ([0x89, (byte)'H', (byte)'D', (byte)'F'], "an HDF5 file (Keras .h5)"),
    ];

    /// <summary>The expected layout, the file's first bytes, and a guess at its kind where the bytes say.</summary>
    public static string Describe(ReadOnlySpan<byte> bytes)
    {
        ReadOnlySpan<byte> start = bytes[..Math.Min(8, bytes.Length)];
        string hex = Convert.ToHexString(start).ToLowerInvariant();
        string text = new(start.ToArray().Select(b => b is >= 0x20 and < 0x7f ? (char)b : '.').ToArray());
        string kind = "";
        foreach (var (magic, what) in Known)
        {
            if (bytes.StartsWith(magic))
            {
                kind = $"; it looks like {what}";
                break;
            }
        }
        return $"expected an 8-byte little-endian header length and then a JSON header starting with '{{', but the file starts with {hex} (\"{text}\"){kind}";
    }
}
