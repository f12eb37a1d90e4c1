using DistSnn.Runtime.Cluster;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime.Tests.Cluster;

public class PackageAssemblyTests
{
    [Fact]
    public void A_large_package_is_cut_into_full_chunks_below_the_frame_size()
    {
        var package = TestPackages.Fashion;
        var bytes = package.Serialize();
        var chunks = StudyPackageChunks.Split(bytes, package.Hash);

        Assert.Equal((bytes.Length + PackageChunk.MaxBytes - 1) / PackageChunk.MaxBytes, chunks.Count);
        Assert.True(chunks.Count > 20, $"{chunks.Count} chunks");
        Assert.All(chunks, c => Assert.Equal(package.Hash, c.Hash));
        Assert.All(chunks, c => Assert.Equal(chunks.Count, c.Count));
        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.Index));
        Assert.All(chunks.SkipLast(1), c => Assert.Equal(PackageChunk.MaxBytes, c.Bytes.Length));
        Assert.True(ProtocolManifest.TryGet(typeof(PackageChunk), out var entry));
        Assert.All(chunks, c => Assert.Null(entry.FindProblem(c)));
    }

    [Fact]
    public void Chunks_in_reverse_order_give_the_same_bytes()
    {
        var bytes = TestPackages.Fashion.Serialize();
        var chunks = StudyPackageChunks.Split(bytes, TestPackages.Fashion.Hash);
        var assembly = new PackageAssembly(TestPackages.Fashion.Hash, chunks.Count);
        foreach (var chunk in chunks.Reverse())
        {
            Assert.False(assembly.IsComplete);
            Assert.True(assembly.Add(chunk));
        }

        Assert.True(assembly.IsComplete);
        Assert.Equal(bytes, assembly.Complete());
    }

    [Fact]
    public void Shuffled_chunks_with_duplicates_give_the_same_bytes()
    {
        var bytes = TestPackages.Fashion.Serialize();
        var chunks = StudyPackageChunks.Split(bytes, TestPackages.Fashion.Hash);
        var random = new Random(11);
        var arrivals = chunks.Concat(chunks.Where((_, i) => i % 3 == 0)).OrderBy(_ => random.Next()).ToList();
        var assembly = new PackageAssembly(TestPackages.Fashion.Hash, chunks.Count);

        var added = arrivals.Count(assembly.Add);

        Assert.Equal(chunks.Count, added);
        Assert.Equal(chunks.Count, assembly.Received);
        Assert.Equal(bytes, assembly.Complete());
        Assert.Equal(TestPackages.Fashion.Hash, StudyPackage.Deserialize(assembly.Complete()).Hash);
    }

    [Fact]
    public void A_small_package_is_one_chunk()
    {
        byte[] bytes = [1, 2, 3];
        var hash = PackageHash.Of(bytes);
        var chunks = StudyPackageChunks.Split(bytes, hash);

        var chunk = Assert.Single(chunks);
        var assembly = new PackageAssembly(hash, 1);
        assembly.Add(chunk);
        Assert.Equal(bytes, assembly.Complete());
    }

    [Fact]
    public void A_flipped_byte_in_one_chunk_is_refused()
    {
        var package = TestPackages.Demo;
        var chunks = StudyPackageChunks.Split(package.Serialize(), package.Hash);
        var assembly = new PackageAssembly(package.Hash, chunks.Count);
        foreach (var chunk in chunks)
        {
            var bytes = (byte[])chunk.Bytes.Clone();
            if (chunk.Index == chunks.Count - 1) bytes[bytes.Length / 2] ^= 0x01;
            assembly.Add(chunk with { Bytes = bytes });
        }

        var error = Assert.Throws<InvalidDataException>(assembly.Complete);
        Assert.Contains($"corrupted study package: hash ", error.Message);
        Assert.Contains($"expected {package.Hash}", error.Message);
    }

    [Fact]
    public void An_incomplete_package_says_which_chunk_is_missing()
    {
        var package = TestPackages.Fashion;
        var chunks = StudyPackageChunks.Split(package.Serialize(), package.Hash);
        var assembly = new PackageAssembly(package.Hash, chunks.Count);
        foreach (var chunk in chunks.Where(c => c.Index != 3)) assembly.Add(chunk);

        Assert.False(assembly.IsComplete);
        Assert.Equal(3, assembly.FirstMissing);
        var error = Assert.Throws<InvalidOperationException>(assembly.Complete);
        Assert.Contains("chunk 3 is missing", error.Message);
        assembly.Add(chunks[3]);
        Assert.Equal(chunks.Count, assembly.FirstMissing);
    }

    [Fact]
    public void A_chunk_of_another_package_or_chunking_is_refused()
    {
        var package = TestPackages.Demo;
        var chunks = StudyPackageChunks.Split(package.Serialize(), package.Hash);
        var assembly = new PackageAssembly(package.Hash, chunks.Count);

        Assert.Throws<InvalidDataException>(() => assembly.Add(chunks[0] with { Hash = TestPackages.Fashion.Hash }));
        Assert.Throws<InvalidDataException>(() => assembly.Add(chunks[0] with { Count = chunks.Count + 1 }));
        Assert.Equal(0, assembly.Received);
    }

    [Fact]
    public void A_bad_announcement_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new PackageAssembly("../x", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PackageAssembly(TestPackages.Demo.Hash, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PackageAssembly(TestPackages.Demo.Hash, int.MaxValue));
    }
}
