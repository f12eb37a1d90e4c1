using System.Buffers.Binary;
using System.Text.Json;

namespace DistSnn.Cli.Tests;

/// <summary>
/// A safetensors reader written from the format's description only (8-byte little-endian header length, JSON
/// header, raw little-endian data), sharing no code with the project's: the chip files are checked through it.
/// </summary>
public sealed class IndependentSafetensors
{
    private readonly byte[] _bytes;
    private readonly int _dataStart;
    private readonly Dictionary<string, (string DType, int[] Shape, long Begin, long End)> _entries = new();

    public IndependentSafetensors(string path)
    {
        _bytes = File.ReadAllBytes(path);
        long n = (long)BinaryPrimitives.ReadUInt64LittleEndian(_bytes);
        Assert.True(n > 0 && 8 + n <= _bytes.Length, "header length");
        _dataStart = 8 + (int)n;
        using var header = JsonDocument.Parse(_bytes.AsMemory(8, (int)n));
        long covered = 0;
        foreach (JsonProperty p in header.RootElement.EnumerateObject())
        {
            if (p.Name == "__metadata__")
            {
                foreach (JsonProperty m in p.Value.EnumerateObject()) Metadata[m.Name] = m.Value.GetString()!;
                continue;
            }
            int[] shape = p.Value.GetProperty("shape").EnumerateArray().Select(d => d.GetInt32()).ToArray();
            JsonElement offsets = p.Value.GetProperty("data_offsets");
            var entry = (p.Value.GetProperty("dtype").GetString()!, shape, offsets[0].GetInt64(), offsets[1].GetInt64());
            long size = entry.Item1 switch { "F32" => 4, "U8" => 1, _ => throw new InvalidDataException(entry.Item1) };
            Assert.Equal(shape.Aggregate(1L, (a, d) => a * d) * size, entry.Item4 - entry.Item3);
            covered += entry.Item4 - entry.Item3;
            _entries[p.Name] = entry;
        }
        // The tensors tile the data buffer exactly, as the format requires.
        Assert.Equal(_bytes.Length - _dataStart, covered);
    }

    public Dictionary<string, string> Metadata { get; } = new();

    public IReadOnlyCollection<string> Names => _entries.Keys;

    public int[] Shape(string name) => _entries[name].Shape;

    public string DType(string name) => _entries[name].DType;

    public float[] Floats(string name)
    {
        var (dtype, _, begin, end) = _entries[name];
        Assert.Equal("F32", dtype);
        var values = new float[(end - begin) / 4];
        for (int i = 0; i < values.Length; i++)
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(_bytes.AsSpan(_dataStart + (int)begin + 4 * i));
        return values;
    }

    public byte[] Bytes(string name)
    {
        var (dtype, _, begin, end) = _entries[name];
        Assert.Equal("U8", dtype);
        return _bytes.AsSpan(_dataStart + (int)begin, (int)(end - begin)).ToArray();
    }
}
