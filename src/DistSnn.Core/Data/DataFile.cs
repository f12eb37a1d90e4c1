using System.IO.Compression;

namespace DistSnn.Core.Data;

/// <summary>Opens a data file, gzip or raw (told apart by the 1f 8b magic), and turns I/O failures into bad input.</summary>
internal static class DataFile
{
    /// <param name="read">Reads the (decompressed) stream; the second argument is the file's length when it is not compressed.</param>
    public static T Read<T>(string path, Func<Stream, long?, T> read)
    {
        try
        {
            using var file = File.OpenRead(path);
            bool gzip = file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
            file.Position = 0;
            using Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress) : file;
            return read(stream, gzip ? null : file.Length);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException(path, "", "file not found");
        }
        catch (InvalidDataException e)
        {
            throw new InputException(path, "", $"corrupt gzip data: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(path, "", $"cannot read the file: {e.Message}");
        }
    }
}
