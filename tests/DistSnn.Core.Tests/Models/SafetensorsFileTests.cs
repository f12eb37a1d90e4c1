using System.Buffers.Binary;
using System.Text;
using DistSnn.Core.Models;
using DistSnn.Core.Tests.Data;

namespace DistSnn.Core.Tests.Models;

public class SafetensorsFileTests
{
    private const string Origin = "m.safetensors";

    private static SafetensorsContent Sample() => new(
        new Dictionary<string, SafetensorsTensor>
        {
            ["b"] = new(new[] { 2 }, new[] { 1.5f, -0f }),
            ["a"] = new(new[] { 2, 3 }, new[] { 1f, 2f, 3f, float.Epsilon, float.MaxValue, -7.25f }),
            ["empty"] = new(new[] { 0, 4 }, Array.Empty<float>()),
        },
        new Dictionary<string, string> { ["z"] = "last", ["note"] = "µ+<ü> \"quoted\"" });

    [Fact]
    public void Written_files_read_back_exactly()
    {
        byte[] bytes = SafetensorsFile.Serialize(Sample());
        SafetensorsContent back = SafetensorsFile.Parse(bytes, Origin);

        Assert.Equal(new[] { "a", "b", "empty" }, back.Tensors.Keys.Order());
        Assert.Equal(new[] { 2, 3 }, back.Tensors["a"].Shape);
        Assert.Equal(Sample().Tensors["a"].Values, back.Tensors["a"].Values);
        Assert.True(BitConverter.SingleToInt32Bits(back.Tensors["b"].Values[1]) < 0); // -0 keeps its sign
        Assert.Equal("µ+<ü> \"quoted\"", back.Metadata["note"]);
        Assert.Equal("F32", back.Tensors["a"].DType);
    }

    [Fact]
    public void Byte_tensors_are_written_as_U8_after_the_floats_and_read_back()
    {
        var content = new SafetensorsContent(new Dictionary<string, SafetensorsTensor>
        {
            ["a.fault"] = SafetensorsTensor.Bytes([2, 2], [0, 1, 2, 3]),
            ["b.g"] = new([3], [1f, 2f, 3f]),
        });
        byte[] bytes = SafetensorsFile.Serialize(content);
        string header = Encoding.UTF8.GetString(bytes, 8, (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes));
        // The floats first, so that they stay 4-byte aligned whatever the bytes' names.
        Assert.Contains("\"b.g\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]}", header);
        Assert.Contains("\"a.fault\":{\"dtype\":\"U8\",\"shape\":[2,2],\"data_offsets\":[12,16]}", header);
        Assert.Equal(new byte[] { 0, 1, 2, 3 }, bytes[^4..]);

        SafetensorsContent back = SafetensorsFile.Parse(bytes, Origin);
        Assert.Equal("U8", back.Tensors["a.fault"].DType);
        Assert.Equal([0f, 1f, 2f, 3f], back.Tensors["a.fault"].Values);
        Assert.Equal(bytes, SafetensorsFile.Serialize(back));
    }

    [Fact]
    public void Writing_is_deterministic_sorted_and_padded_to_8_bytes()
    {
        byte[] first = SafetensorsFile.Serialize(Sample());
        byte[] second = SafetensorsFile.Serialize(Sample());
        Assert.Equal(first, second);

        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(first);
        Assert.Equal(0UL, headerLength % 8);
        string header = Encoding.UTF8.GetString(first, 8, (int)headerLength);
        Assert.StartsWith("{\"__metadata__\":{\"note\":", header);
        Assert.True(header.IndexOf("\"a\"", StringComparison.Ordinal) < header.IndexOf("\"b\":", StringComparison.Ordinal));
        Assert.Contains("\"a\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}", header);
        Assert.InRange((int)headerLength - Encoding.UTF8.GetByteCount(header.TrimEnd(' ')), 0, 7);
    }

    [Fact]
    public void Reads_F64_F16_and_BF16_as_float()
    {
        var buffer = new byte[8 + 2 + 2];
        BinaryPrimitives.WriteDoubleLittleEndian(buffer, 0.1);
        BinaryPrimitives.WriteHalfLittleEndian(buffer.AsSpan(8), (Half)(-2.5f));
        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(10), (ushort)(BitConverter.SingleToUInt32Bits(3.140625f) >> 16));
        string header = "{\"d\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}," +
            "\"h\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[8,10]}," +
            "\"bf\":{\"dtype\":\"BF16\",\"shape\":[],\"data_offsets\":[10,12]}}";

        SafetensorsContent content = SafetensorsFile.Parse(SafetensorsBytes.Build(header, buffer), Origin);

        Assert.Equal(0.1f, content.Tensors["d"].Values[0]);
        Assert.Equal(-2.5f, content.Tensors["h"].Values[0]);
        Assert.Equal(3.140625f, content.Tensors["bf"].Values[0]);
        Assert.Empty(content.Tensors["bf"].Shape);
        Assert.Equal("BF16", content.Tensors["bf"].DType);
    }

    public static TheoryData<string, string, string> BadHeaders => new()
    {
        { "[1, 2]", "header", "expected a JSON object" },
        { "{\"a\": ", "header", "not valid JSON" },
        { "{\"a\": {\"shape\": [1], \"data_offsets\": [0, 4]}}", "a", "dtype" },
        { "{\"a\": {\"dtype\": \"F32\", \"data_offsets\": [0, 4]}}", "a", "shape" },
        { "{\"a\": {\"dtype\": \"F32\", \"shape\": [1]}}", "a", "data_offsets" },
        { "{\"a\": {\"dtype\": \"I64\", \"shape\": [1], \"data_offsets\": [0, 8]}}", "a", "unsupported dtype 'I64'" },
        { "{\"a\": {\"dtype\": \"F32\", \"shape\": [1.5], \"data_offsets\": [0, 4]}}", "a", "shape" },
        { "{\"a\": {\"dtype\": \"F32\", \"shape\": [-1], \"data_offsets\": [0, 4]}}", "a", "shape" },
        { "{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 400]}}", "a", "outside the 4-byte data buffer" },
        { "{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [4, 0]}}", "a", "outside" },
        { "{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [-4, 0]}}", "a", "data_offsets" },
        { "{\"a\": {\"dtype\": \"F32\", \"shape\": [2], \"data_offsets\": [0, 4]}}", "a", "needs 8" },
        { "{\"a\": {\"dtype\": \"F32\", \"shape\": [4294967296], \"data_offsets\": [0, 4]}}", "a", "shape" },
        { "{\"a\": {\"dtype\": \"F32\", \"shape\": [65536, 65536], \"data_offsets\": [0, 4]}}", "a", "more values" },
        { "{\"a\": 7}", "a", "expected an object" },
        { "{\"__metadata__\": {\"k\": 1}}", "__metadata__.k", "expected a string" },
        { "{\"__metadata__\": [\"k\"]}", "__metadata__", "expected an object of strings" },
        { "{\"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}, \"a\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}}", "a", "twice" },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public void A_bad_header_names_the_field(string header, string field, string expected)
    {
        var e = Assert.Throws<InputException>(() => SafetensorsFile.Parse(SafetensorsBytes.Build(header, new byte[4]), Origin));
        Assert.Equal(Origin, e.Origin);
        Assert.Equal(field, e.Field);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_header_that_is_not_UTF8_is_bad_input()
    {
        byte[] header = Encoding.UTF8.GetBytes("{\"a\u00e9\": {\"dtype\": \"F32\", \"shape\": [1], \"data_offsets\": [0, 4]}}");
        header[3] = 0xff;
        var e = Assert.Throws<InputException>(() => SafetensorsFile.Parse(SafetensorsBytes.Build(header, new byte[4]), Origin));
        Assert.Equal("header", e.Field);
    }

    [Fact]
    public void A_file_shorter_than_the_length_prefix_is_bad_input()
    {
        var e = Assert.Throws<InputException>(() => SafetensorsFile.Parse(new byte[5], Origin));
        Assert.Equal("header", e.Field);
        Assert.Contains("8-byte", e.Message);
    }

    [Fact]
    public void A_header_claiming_more_bytes_than_the_file_has_is_bad_input()
    {
        byte[] bytes = SafetensorsBytes.Build("{}", Array.Empty<byte>());
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 1000);

        var e = Assert.Throws<InputException>(() => SafetensorsFile.Parse(bytes, Origin));
        Assert.Contains("header claims 1000 bytes but the file has 10", e.Message);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, ulong.MaxValue);
        Assert.Throws<InputException>(() => SafetensorsFile.Parse(bytes, Origin));
    }

    [Fact]
    public void A_header_over_the_limit_is_bad_input()
    {
        byte[] bytes = new byte[8 + SafetensorsFile.MaxHeaderBytes + 8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)SafetensorsFile.MaxHeaderBytes + 1);
        bytes[8] = (byte)'{'; // a safetensors header, only too long

        var e = Assert.Throws<InputException>(() => SafetensorsFile.Parse(bytes, Origin));
        Assert.Contains("limit", e.Message);
    }

    [Fact]
    public void A_missing_file_is_bad_input()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<InputException>(() => SafetensorsFile.Read(dir.File("absent.safetensors")));
        Assert.Equal(dir.File("absent.safetensors"), e.Origin);
        Assert.Contains("not found", e.Message);
        Assert.Throws<InputException>(() => SafetensorsFile.Read(dir.Path));
    }

    [Fact]
    public void Reads_the_file_PyTorch_wrote()
    {
        SafetensorsContent content = SafetensorsFile.Read(TestData.SharedModelPath);

        Assert.Equal(new[] { 500, 784 }, content.Tensors["layers.0.weight"].Shape);
        Assert.Equal(new[] { 10 }, content.Tensors["layers.1.bias"].Shape);
        Assert.Equal("distsnn-model/1", content.Metadata["format"]);
    }

    [Fact]
    public void Corrupting_any_header_byte_gives_bad_input_or_a_valid_read()
    {
        byte[] original = File.ReadAllBytes(TestData.SharedModelPath);
        int headerEnd = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(original);
        var random = new System.Random(12345);
        byte[] bytes = (byte[])original.Clone();
        for (int round = 0; round < 500; round++)
        {
            int flips = 1 + random.Next(3);
            for (int f = 0; f < flips; f++) bytes[random.Next(headerEnd)] = (byte)random.Next(256);
            try
            {
                SafetensorsFile.Parse(bytes, Origin);
            }
            catch (InputException)
            {
            }
            original.AsSpan(0, headerEnd).CopyTo(bytes);
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, 0x76, 0, (byte)'{' }, "NumPy")]
    [InlineData(new byte[] { 0x80, 0x04, 0x95, 0x10, 0, 0, 0, 0, 0, 0, 0 }, "pickle")]
    [InlineData(new byte[] { (byte)'1', (byte)',', (byte)'2', (byte)',', (byte)'3', (byte)'\n', (byte)'4', (byte)',', (byte)'5' }, "\"1,2,3.4,\"")]
    public void A_file_of_another_kind_is_not_a_safetensors_file(byte[] bytes, string said)
    {
        var e = Assert.Throws<InputException>(() => SafetensorsFile.Parse(bytes, Origin));
        Assert.Equal(Origin, e.Origin);
        Assert.Equal("", e.Field);
        Assert.StartsWith($"{Origin}: is not a safetensors file: ", e.Message);
        Assert.Contains(said, e.Message);
        Assert.DoesNotContain("claims", e.Message);
    }
}
