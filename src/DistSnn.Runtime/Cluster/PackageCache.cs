using System.Diagnostics.CodeAnalysis;

namespace DistSnn.Runtime.Cluster;

/// <summary>
/// Verified study packages on disk, one file <c>HASH.pkg</c> each, so a worker that serves the same study again
/// (or rejoins after a coordinator restart) does not fetch the package again. A file is only ever seen whole:
/// it is written to a temporary name and renamed. Every load re-checks the hash, so a damaged file is never used.
/// </summary>
public sealed class PackageCache
{
    private const string Extension = ".pkg";

    /// <param name="directory">Where the packages live; created when needed.</param>
    public PackageCache(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
    }

    public string Directory { get; }

    /// <summary><c>$XDG_CACHE_HOME/distsnn/packages</c>, or <c>~/.cache/distsnn/packages</c>.</summary>
    public static string DefaultDirectory =>
        Path.Combine(
            Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache
                ? cache
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"),
            "distsnn", "packages");

    /// <summary>The file that holds package <paramref name="hash"/>.</summary>
    public string PathOf(string hash)
    {
        // The hash comes from a peer: anything but hex digits could name a file elsewhere.
        if (!PackageHash.IsWellFormed(hash)) throw new ArgumentException($"'{hash}' is not a package hash.", nameof(hash));
        return Path.Combine(Directory, hash + Extension);
    }

    /// <summary>Stores <paramref name="package"/> under its hash (replacing a file of the same name).</summary>
    public void Store(StudyPackage package)
    {
        ArgumentNullException.ThrowIfNull(package);
        System.IO.Directory.CreateDirectory(Directory);
        var target = PathOf(package.Hash);
        var temporary = Path.Combine(Directory, $"{package.Hash}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temporary, package.Serialize());
            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// The package <paramref name="hash"/>, if a file of it is here and still hashes to its name and reads as a
    /// package. A file that does not is deleted and reported as missing, so the package is fetched again;
    /// <paramref name="damage"/> then says what was wrong with it (null when the file loaded or was not there),
    /// so the caller can tell a damaged cache from an empty one.
    /// </summary>
    public bool TryLoad(string hash, [NotNullWhen(true)] out StudyPackage? package, out string? damage)
    {
        package = null;
        damage = null;
        var path = PathOf(hash);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }

        try
        {
            if (PackageHash.Of(bytes) != hash) throw new InvalidDataException("its bytes no longer hash to its name");
            package = StudyPackage.Deserialize(bytes);
            return true;
        }
        catch (InvalidDataException e)
        {
            damage = e.Message.TrimEnd('.');
            File.Delete(path);
            return false;
        }
    }
}
