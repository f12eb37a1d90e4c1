using System.Buffers.Binary;
using System.IO.Compression;

namespace DistSnn.Core.Tests.Data;

/// <summary>Builds small IDX files for tests.</summary>
public static class IdxBytes
{
    public static byte[] Build(uint magic, int[] dimensions, byte[] data)
    {
        var bytes = new byte[4 + 4 * dimensions.Length + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, magic);
        for (int d = 0; d < dimensions.Length; d++) BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4 + 4 * d), (uint)dimensions[d]);
        data.CopyTo(bytes, 4 + 4 * dimensions.Length);
        return bytes;
    }

    public static byte[] Images(int count, int rows, int cols, Func<int, byte> pixel) =>
        Build(0x803, new[] { count, rows, cols }, Enumerable.Range(0, count * rows * cols).Select(pixel).ToArray());

    public static byte[] Labels(params byte[] labels) => Build(0x801, new[] { labels.Length }, labels);

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(bytes);
        return output.ToArray();
    }
}
