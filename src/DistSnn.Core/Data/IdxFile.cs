using System.Buffers.Binary;

namespace DistSnn.Core.Data;

/// <summary>
/// An MNIST-format IDX file of unsigned bytes (type code 0x08), raw or gzip-compressed (told apart by the gzip
/// magic 1f 8b): a big-endian magic number <c>0x0000080N</c>, N big-endian 32-bit dimensions, then the bytes.
/// </summary>
public sealed class IdxFile
{
    private const byte UnsignedByteType = 0x08;

    // byte/255 for every byte value, so that the whole image set is converted by one table look-up per pixel.
    private static readonly float[] UnitScale = Enumerable.Range(0, 256).Select(b => b / 255f).ToArray();

    private IdxFile(int[] dimensions, byte[] data, int items)
    {
        Dimensions = dimensions;
        Data = data;
        Items = items;
    }

    /// <summary>The dimensions the file declares (the first is its item count).</summary>
    public IReadOnlyList<int> Dimensions { get; }

    /// <summary>How many leading items (along the first dimension) <see cref="Data"/> holds: all of them, unless
    /// fewer were asked for.</summary>
    public int Items { get; }

    /// <summary>Row-major, the last dimension fastest: the first <see cref="Items"/> items.</summary>
    public byte[] Data { get; }

    /// <summary>Reads a file that must have <paramref name="dimensions"/> dimensions (3 for images, 1 for labels).</summary>
    /// <param name="maxItems">Read only this many leading items (a study of the first images need not decompress
    /// the rest); the file's size is still checked when it is not compressed, its tail is not read.</param>
    public static IdxFile Read(string path, int dimensions, int? maxItems = null)
    {
        return DataFile.Read(path, (stream, length) => Read(stream, path, dimensions, length, maxItems));
    }

    /// <summary>
    /// Images (3-D: count, rows, cols) and their labels (1-D), as a data set with pixel values divided by 255 and
    /// shape [rows, cols]. <paramref name="classes"/> fixes the class count (10 for MNIST); null takes the largest label + 1.
    /// </summary>
    /// <param name="maxItems">Load only the first this many images and labels (<see cref="Read"/>).</param>
    public static Dataset LoadDataset(string imagesPath, string labelsPath, string name, int? classes = null, int? maxItems = null)
    {
        IdxFile images = Read(imagesPath, 3, maxItems);
        IdxFile labels = Read(labelsPath, 1, maxItems);
        int rows = images.Dimensions[1], cols = images.Dimensions[2];
        int count = images.Dimensions[0];
        if (rows < 1 || cols < 1 || (long)rows * cols > Array.MaxLength)
            throw new InputException(imagesPath, "dimensions", $"expected images of at least 1x1 pixels, got {rows}x{cols}");
        if (labels.Dimensions[0] != count)
            throw new InputException(labelsPath, "dimensions", $"holds {labels.Dimensions[0]} labels but {imagesPath} holds {count} images");

        count = images.Items;
        var labelValues = new int[count];
        for (int i = 0; i < count; i++)
        {
            labelValues[i] = labels.Data[i];
            if (classes is int c && labelValues[i] >= c)
                throw new InputException(labelsPath, $"label {i}", $"expected a class 0..{c - 1}, got {labelValues[i]}");
        }
        var values = new float[images.Data.Length];
        for (int i = 0; i < values.Length; i++) values[i] = UnitScale[images.Data[i]];
        int classCount = classes ?? (count == 0 ? 1 : labelValues.Max() + 1);
        return new Dataset(name, rows * cols, values, labelValues, classCount, new[] { rows, cols });
    }

    /// <param name="rawLength">The file's length when it is not compressed, to catch a truncated file before allocating.</param>
    private static IdxFile Read(Stream stream, string path, int dimensionCount, long? rawLength, int? maxItems)
    {
        uint expectedMagic = (uint)(UnsignedByteType << 8 | dimensionCount);
        string expectation = $"expected an IDX magic number 0x{expectedMagic:X8} (unsigned bytes, {dimensionCount} dimension{(dimensionCount == 1 ? "" : "s")})";
        var magicBytes = new byte[4];
        int got = stream.ReadAtLeast(magicBytes, 4, throwOnEndOfStream: false);
        if (got < 4) throw new InputException(path, "magic number", $"{expectation}, but the file holds only {got} bytes");
        uint magic = BinaryPrimitives.ReadUInt32BigEndian(magicBytes);
        if (magic != expectedMagic) throw new InputException(path, "magic number", $"{expectation}, got 0x{magic:X8}");

        var header = new byte[4 * dimensionCount];
        if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
            throw new InputException(path, "dimensions", $"truncated: expected {dimensionCount} dimensions after the magic number");
        var dimensions = new int[dimensionCount];
        long size = 1;
        for (int d = 0; d < dimensionCount; d++)
        {
            uint n = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4 * d));
            if (n > int.MaxValue) throw new InputException(path, "dimensions", $"dimension {d} is {n}, too large");
            dimensions[d] = (int)n;
            size = Math.Min(size * n, 1L << 32); // saturates (far above any array) instead of overflowing
        }
        string shape = string.Join("x", dimensions);
        if (size > Array.MaxLength)
            throw new InputException(path, "dimensions", $"{shape} is more data than one file can hold here");

        long headerBytes = 4 + header.Length;
        if (rawLength is long length && length - headerBytes != size)
        {
            throw new InputException(path, "data", length - headerBytes < size
                ? $"truncated: dimensions {shape} need {size} bytes of data, the file holds {length - headerBytes}"
                : $"dimensions {shape} need {size} bytes of data, the file holds {length - headerBytes}");
        }

        int items = maxItems is int m && m >= 0 && m < dimensions[0] ? m : dimensions[0];
        long itemBytes = dimensions[0] == 0 ? 0 : size / dimensions[0];
        long wanted = items == dimensions[0] ? size : items * itemBytes;
        byte[] data = ReadData(stream, (int)wanted, out int read);
        if (read < wanted)
            throw new InputException(path, "data", $"truncated: dimensions {shape} need {size} bytes of data, the file holds {read}");
        if (items == dimensions[0] && stream.ReadByte() != -1)
            throw new InputException(path, "data", $"dimensions {shape} need {size} bytes of data, the file holds more");
        return new IdxFile(dimensions, data, items);
    }

    /// <summary>Reads up to <paramref name="size"/> bytes, growing the buffer as data arrives so that a compressed
    /// file whose header claims far more than it holds does not allocate the claimed size up front.</summary>
    private static byte[] ReadData(Stream stream, int size, out int read)
    {
        var data = new byte[Math.Min(size, 1 << 24)];
        read = 0;
        while (true)
        {
            read += stream.ReadAtLeast(data.AsSpan(read), data.Length - read, throwOnEndOfStream: false);
            if (read < data.Length || data.Length == size) return data;
            Array.Resize(ref data, (int)Math.Min(size, 2L * data.Length));
        }
    }
}
