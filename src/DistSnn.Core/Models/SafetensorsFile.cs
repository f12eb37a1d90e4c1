using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text.Json;

namespace DistSnn.Core.Models;

/// <summary>
/// The safetensors format (what PyTorch's <c>safetensors</c> package reads and writes): an 8-byte little-endian
/// header length N, N bytes of JSON header
/// <c>{"name": {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {string: string}}</c>, then the
/// data buffer, offsets relative to its start. Reads F32, F64, F16, BF16 and U8 into float; writes F32, and U8
/// for tensors read or made as U8.
/// Every defect of a file is reported as an <see cref="InputException"/>.
/// </summary>
public static class SafetensorsFile
{
    public const string MetadataKey = "__metadata__";

    /// <summary>The dtype of byte tensors (the chip files' fault maps).</summary>
    public const string U8 = "U8";

    /// <summary>The largest header accepted, as in the reference implementation (guards against absurd allocations).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    private const string HeaderField = "header";

    public static SafetensorsContent Read(string path)
    {
        if (Directory.Exists(path)) throw new InputException(path, "", "is a directory, expected a safetensors file");
        byte[] bytes;
        try
        {
            if (new FileInfo(path).Length > Array.MaxLength)
                throw new InputException(path, "", "larger than the 2 GB a model file may have here");
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException(path, "", "file not found");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, "", $"cannot read the file: {e.Message}");
        }
        return Parse(bytes, path);
    }

    /// <param name="origin">The file (or <c>builtin:NAME</c>) named in error messages.</param>
    public static SafetensorsContent Parse(ReadOnlyMemory<byte> bytes, string origin)
    {
        if (bytes.Length < 8)
            throw new InputException(origin, HeaderField, $"the file has {bytes.Length} bytes, fewer than the 8-byte header length");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes.Span);
        // A length that cannot be, with no '{' where the JSON header begins, is some other kind of file (a PyTorch
        // .pt archive, a CSV, ...): say so, rather than quote a header length of 7949825806275190819 bytes.
        bool impossible = headerLength > (ulong)(bytes.Length - 8) || headerLength > MaxHeaderBytes;
        if (impossible && (bytes.Length == 8 || bytes.Span[8] != (byte)'{'))
            throw new InputException(origin, "", $"is not a safetensors file: {NotSafetensors.Describe(bytes.Span)}");
        if (headerLength > (ulong)(bytes.Length - 8))
            throw new InputException(origin, HeaderField, $"header claims {headerLength} bytes but the file has {bytes.Length}");
        if (headerLength > MaxHeaderBytes)
            throw new InputException(origin, HeaderField, $"header claims {headerLength} bytes, more than the limit of {MaxHeaderBytes}");
        ReadOnlyMemory<byte> buffer = bytes[(8 + (int)headerLength)..];

        ReadOnlyMemory<byte> header = bytes.Slice(8, (int)headerLength);
        // Checked up front: JSON strings are transcoded lazily and would fail later with another exception type.
        if (!Utf8.IsValid(header.Span)) throw new InputException(origin, HeaderField, "not valid UTF-8 text");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header);
        }
        catch (JsonException e)
        {
            throw new InputException(origin, HeaderField, $"not valid JSON: {e.Message}");
        }
        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new InputException(origin, HeaderField, $"expected a JSON object, got {Describe(root)}");

            var tensors = new Dictionary<string, SafetensorsTensor>(StringComparer.Ordinal);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            bool sawMetadata = false;
            foreach (JsonProperty property in root.EnumerateObject())
            {
                if (property.Name == MetadataKey)
                {
                    if (sawMetadata) throw new InputException(origin, MetadataKey, "appears twice in the header");
                    sawMetadata = true;
                    ReadMetadata(property.Value, metadata, origin);
                }
                else
                {
                    if (tensors.ContainsKey(property.Name)) throw new InputException(origin, property.Name, "appears twice in the header");
                    tensors[property.Name] = ReadTensor(property.Name, property.Value, buffer.Span, origin);
                }
            }
            return new SafetensorsContent(tensors, metadata);
        }
    }

    public static void Write(SafetensorsContent content, string path)
    {
        // Written beside the target and moved over it, so that a failed write never leaves half a model behind.
        string temporary = path + ".tmp";
        File.WriteAllBytes(temporary, Serialize(content));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// The file's bytes: tensors as F32 (U8 ones as bytes, after every F32 one, so that each F32 tensor stays
    /// 4-byte aligned) in ordinal name order, metadata sorted, header padded with spaces to a multiple of 8 bytes
    /// (as the Python package does), so the same content always gives the same bytes.
    /// </summary>
    public static byte[] Serialize(SafetensorsContent content)
    {
        string[] names = content.Tensors.Keys.OrderBy(n => IsBytes(content.Tensors[n]))
            .ThenBy(n => n, StringComparer.Ordinal).ToArray();
        var header = new ArrayBufferWriter<byte>();
        // Relaxed escaping keeps metadata readable ('+', '<', non-ASCII); the header is never embedded in HTML.
        using (var json = new Utf8JsonWriter(header, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (content.Metadata.Count > 0)
            {
                json.WriteStartObject(MetadataKey);
                foreach (var (key, value) in content.Metadata.OrderBy(e => e.Key, StringComparer.Ordinal))
                    json.WriteString(key, value);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (string name in names)
            {
                SafetensorsTensor tensor = content.Tensors[name];
                json.WriteStartObject(name);
                json.WriteString("dtype", IsBytes(tensor) ? U8 : "F32");
                json.WriteStartArray("shape");
                foreach (int d in tensor.Shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                offset += ElementBytes(tensor) * tensor.Values.Length;
                json.WriteNumberValue(offset);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }

        int headerLength = (header.WrittenCount + 7) / 8 * 8;
        long total = 8L + headerLength + names.Sum(n => ElementBytes(content.Tensors[n]) * content.Tensors[n].Values.Length);
        if (total > Array.MaxLength) throw new ArgumentException($"the tensors need {total} bytes, more than one file can hold here");
        var bytes = new byte[total];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)headerLength);
        header.WrittenSpan.CopyTo(bytes.AsSpan(8));
        bytes.AsSpan(8 + header.WrittenCount, headerLength - header.WrittenCount).Fill((byte)' ');
        int position = 8 + headerLength;
        foreach (string name in names)
        {
            SafetensorsTensor tensor = content.Tensors[name];
            float[] values = tensor.Values;
            if (IsBytes(tensor))
            {
                for (int i = 0; i < values.Length; i++, position++) bytes[position] = checked((byte)values[i]);
                continue;
            }
            for (int i = 0; i < values.Length; i++, position += 4)
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(position), values[i]);
        }
        return bytes;
    }

    private static bool IsBytes(SafetensorsTensor tensor) => tensor.DType == U8;

    private static long ElementBytes(SafetensorsTensor tensor) => IsBytes(tensor) ? 1 : 4;

    private static void ReadMetadata(JsonElement element, Dictionary<string, string> metadata, string origin)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new InputException(origin, MetadataKey, $"expected an object of strings, got {Describe(element)}");
        foreach (JsonProperty entry in element.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
                throw new InputException(origin, $"{MetadataKey}.{entry.Name}", $"expected a string value, got {Describe(entry.Value)}");
            if (!metadata.TryAdd(entry.Name, entry.Value.GetString()!))
                throw new InputException(origin, $"{MetadataKey}.{entry.Name}", "appears twice");
        }
    }

    private static SafetensorsTensor ReadTensor(string name, JsonElement element, ReadOnlySpan<byte> buffer, string origin)
    {
        if (element.ValueKind != JsonValueKind.Object)
            throw new InputException(origin, name, $"expected an object with dtype, shape and data_offsets, got {Describe(element)}");
        if (!element.TryGetProperty("dtype", out JsonElement dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String)
            throw new InputException(origin, name, "expected a dtype string");
        string dtype = dtypeElement.GetString()!;
        int elementSize = dtype switch
        {
            "F32" => 4,
            "F64" => 8,
            "F16" or "BF16" => 2,
            U8 => 1,
            _ => throw new InputException(origin, name, $"unsupported dtype '{dtype}'; expected F32, F64, F16, BF16 or U8"),
        };

        if (!element.TryGetProperty("shape", out JsonElement shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
            throw new InputException(origin, name, "expected a shape array");
        var shape = new int[shapeElement.GetArrayLength()];
        long count = 1;
        int axis = 0;
        foreach (JsonElement d in shapeElement.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt32(out shape[axis]) || shape[axis] < 0)
                throw new InputException(origin, name, $"shape: expected integers from 0 to {int.MaxValue}, got {d.GetRawText()}");
            count = Math.Min(count * shape[axis], 1L << 32); // saturates (far above any array) instead of overflowing
            axis++;
        }
        string shapeText = $"[{string.Join(", ", shape)}]";
        if (count > Array.MaxLength) throw new InputException(origin, name, $"shape {shapeText} holds more values than supported here");

        if (!element.TryGetProperty("data_offsets", out JsonElement offsetsElement) || offsetsElement.ValueKind != JsonValueKind.Array
            || offsetsElement.GetArrayLength() != 2
            || !TryGetOffset(offsetsElement[0], out long begin) || !TryGetOffset(offsetsElement[1], out long end))
        {
            throw new InputException(origin, name, "expected data_offsets [begin, end], two integers 0 or more");
        }
        if (begin > end || end > buffer.Length)
        {
            string hint = end > buffer.Length ? " (is the file truncated?)" : "";
            throw new InputException(origin, name, $"data_offsets [{begin}, {end}] lie outside the {buffer.Length}-byte data buffer{hint}");
        }
        if (end - begin != count * elementSize)
        {
            throw new InputException(origin, name,
                $"data_offsets [{begin}, {end}] span {end - begin} bytes but shape {shapeText} of {dtype} needs {count * elementSize}");
        }
        return new SafetensorsTensor(shape, Decode(buffer.Slice((int)begin, (int)(end - begin)), dtype, (int)count), dtype);
    }

    private static bool TryGetOffset(JsonElement element, out long value)
    {
        value = 0;
        return element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out value) && value >= 0;
    }

    private static float[] Decode(ReadOnlySpan<byte> bytes, string dtype, int count)
    {
        var values = new float[count];
        switch (dtype)
        {
            case "F32" when BitConverter.IsLittleEndian:
                MemoryMarshal.Cast<byte, float>(bytes).CopyTo(values);
                break;
            case "F32":
                for (int i = 0; i < count; i++) values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(4 * i)..]);
                break;
            case "F64":
                for (int i = 0; i < count; i++) values[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(bytes[(8 * i)..]);
                break;
            case U8:
                for (int i = 0; i < count; i++) values[i] = bytes[i];
                break;
            case "F16":
                for (int i = 0; i < count; i++) values[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(bytes[(2 * i)..]);
                break;
            default: // BF16: the upper half of an F32
                for (int i = 0; i < count; i++)
                    values[i] = BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(bytes[(2 * i)..]) << 16);
                break;
        }
        return values;
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
