using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime.Cluster;

/// <summary>
/// Collects the chunks of one announced study package, in any order; a chunk already held is ignored (a resent
/// one). The bytes are handed out only when their SHA-256 is the announced hash.
/// </summary>
public sealed class PackageAssembly
{
    private readonly byte[]?[] _chunks;
    private int _received;

    /// <param name="hash">The announced hash of the package.</param>
    /// <param name="count">How many chunks make it.</param>
    public PackageAssembly(string hash, int count)
    {
        if (!PackageHash.IsWellFormed(hash)) throw new ArgumentException($"'{hash}' is not a package hash.", nameof(hash));
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, StudyPackageChunks.MaxCount);
        Hash = hash;
        _chunks = new byte[count][];
    }

    public string Hash { get; }

    /// <summary>How many chunks make the package.</summary>
    public int Count => _chunks.Length;

    /// <summary>How many distinct chunks have arrived.</summary>
    public int Received => _received;

    public bool IsComplete => _received == _chunks.Length;

    /// <summary>The first chunk still missing (<see cref="Count"/> when complete): where a <see cref="PackageRequest"/> resumes.</summary>
    public int FirstMissing => Array.FindIndex(_chunks, c => c is null) is var i && i >= 0 ? i : Count;

    /// <summary>Takes <paramref name="chunk"/>; true if it was new.</summary>
    /// <exception cref="InvalidDataException">The chunk belongs to another package or another chunking of it.</exception>
    public bool Add(PackageChunk chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        if (chunk.Hash != Hash) throw new InvalidDataException($"A chunk of package {chunk.Hash} does not belong to package {Hash}.");
        if (chunk.Count != Count || chunk.Index < 0 || chunk.Index >= Count)
            throw new InvalidDataException($"Chunk {chunk.Index} of {chunk.Count} does not fit package {Hash} of {Count} chunks.");
        if (_chunks[chunk.Index] is not null) return false;
        _chunks[chunk.Index] = chunk.Bytes;
        _received++;
        return true;
    }

    /// <summary>The package's bytes, verified against <see cref="Hash"/>.</summary>
    /// <exception cref="InvalidOperationException">Chunks are still missing.</exception>
    /// <exception cref="InvalidDataException">The bytes do not hash to the announced hash.</exception>
    public byte[] Complete()
    {
        if (!IsComplete) throw new InvalidOperationException($"Package {Hash} has {Received} of {Count} chunks; chunk {FirstMissing} is missing.");
        var length = _chunks.Sum(c => (long)c!.Length);
        if (length > Array.MaxLength) throw new InvalidDataException($"corrupted study package: {length} bytes is more than one array holds.");
        var bytes = new byte[length];
        var at = 0;
        foreach (var chunk in _chunks)
        {
            chunk!.CopyTo(bytes, at);
            at += chunk.Length;
        }

        var actual = PackageHash.Of(bytes);
        if (actual != Hash) throw new InvalidDataException($"corrupted study package: hash {actual} expected {Hash}.");
        return bytes;
    }
}
