using System.Buffers.Binary;
using System.Text;

namespace DistSnn.Core.Tests.Models;

/// <summary>Builds safetensors files by hand, header text and buffer as given, for tests of the reader.</summary>
public static class SafetensorsBytes
{
    public static byte[] Build(string header, byte[] buffer) => Build(Encoding.UTF8.GetBytes(header), buffer);

    public static byte[] Build(byte[] header, byte[] buffer)
    {
        var bytes = new byte[8 + header.Length + buffer.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)header.Length);
        header.CopyTo(bytes, 8);
        buffer.CopyTo(bytes, 8 + header.Length);
        return bytes;
    }
}
