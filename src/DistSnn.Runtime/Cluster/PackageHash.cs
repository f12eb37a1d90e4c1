using System.Security.Cryptography;

namespace DistSnn.Runtime.Cluster;

/// <summary>The content hash that names a study package: SHA-256 of its serialized bytes, 64 lowercase hex digits.</summary>
public static class PackageHash
{
    /// <summary>The length of a hash in characters.</summary>
    public const int Length = 64;

    /// <summary>The hash of <paramref name="bytes"/>.</summary>
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>
    /// Whether <paramref name="hash"/> looks like a hash. Hashes come from peers and name cache files, so nothing
    /// else (a path, upper case that would name a second file for the same package) is accepted.
    /// </summary>
    public static bool IsWellFormed(string? hash) =>
        hash is { Length: Length } && hash.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
