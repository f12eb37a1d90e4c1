using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime.Cluster;

/// <summary>Cuts a serialized study package into <see cref="PackageChunk"/>s small enough for one Akka frame each.</summary>
public static class StudyPackageChunks
{
    /// <summary>
    /// The most chunks a package may have: the whole package must fit one array. A peer announcing more is refused
    /// before anything is allocated for it.
    /// </summary>
    public const int MaxCount = int.MaxValue / PackageChunk.MaxBytes;

    /// <summary>
    /// Chunks sent for one <see cref="PackageRequest"/> (1 MiB): a worker asks for the next window when it holds this
    /// one, so a large package never floods the connection that also carries heartbeats and trials.
    /// </summary>
    public const int Window = 16;

    /// <summary>The chunks of <paramref name="package"/>, in order; all but the last are full.</summary>
    /// <param name="package">The serialized package.</param>
    /// <param name="hash">Its hash, which every chunk names.</param>
    public static IReadOnlyList<PackageChunk> Split(byte[] package, string hash)
    {
        ArgumentNullException.ThrowIfNull(package);
        if (!PackageHash.IsWellFormed(hash)) throw new ArgumentException($"'{hash}' is not a package hash.", nameof(hash));
        var count = Math.Max(1, (package.Length + PackageChunk.MaxBytes - 1) / PackageChunk.MaxBytes);
        var chunks = new PackageChunk[count];
        for (var i = 0; i < count; i++)
        {
            var start = i * PackageChunk.MaxBytes;
            chunks[i] = new PackageChunk(hash, i, count, package[start..Math.Min(package.Length, start + PackageChunk.MaxBytes)]);
        }

        return chunks;
    }
}
