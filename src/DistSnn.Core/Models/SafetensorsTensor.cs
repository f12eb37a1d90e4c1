namespace DistSnn.Core.Models;

/// <summary>One tensor of a safetensors file, its values widened or kept as float.</summary>
public sealed class SafetensorsTensor
{
    /// <param name="dtype">The type it was stored as (F32, F64, F16, BF16 or U8); it is written back as F32, except
    /// U8 (fault maps), which is written back as bytes.</param>
    public SafetensorsTensor(IReadOnlyList<int> shape, float[] values, string dtype = "F32")
    {
        long count = 1;
        foreach (int d in shape)
        {
            if (d < 0) throw new ArgumentException($"negative dimension in shape [{string.Join(", ", shape)}]");
            count *= d;
        }
        if (count != values.Length)
            throw new ArgumentException($"shape [{string.Join(", ", shape)}] holds {count} values, got {values.Length}");
        Shape = shape;
        Values = values;
        DType = dtype;
    }

    /// <summary>A U8 tensor (values 0 to 255), written as one byte per value.</summary>
    public static SafetensorsTensor Bytes(IReadOnlyList<int> shape, ReadOnlySpan<byte> values)
    {
        var widened = new float[values.Length];
        for (int i = 0; i < values.Length; i++) widened[i] = values[i];
        return new SafetensorsTensor(shape, widened, SafetensorsFile.U8);
    }

    public IReadOnlyList<int> Shape { get; }

    /// <summary>Row-major, the last dimension fastest.</summary>
    public float[] Values { get; }

    public string DType { get; }

    /// <summary>The shape as written in error messages: <c>[500, 784]</c>.</summary>
    public string ShapeText => $"[{string.Join(", ", Shape)}]";
}
