using System.Text;

namespace DistSnn.Runtime.Storage;

/// <summary>
/// Writes an output file so that a reader (or a crash) only ever sees the old file or the complete new one:
/// the bytes go to a temporary file beside it, reach the disk, and the temporary file is renamed over the target.
/// </summary>
public static class AtomicFile
{
    public static void Write(string path, string text) => Write(path, new UTF8Encoding(false).GetBytes(text));

    public static void Write(string path, byte[] bytes)
    {
        string temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            // Flushed to disk before the rename, so a crash cannot leave the final name on an empty file.
            stream.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
