using DistSnn.Runtime.Cluster;

namespace DistSnn.Runtime.Tests.Cluster;

public class PackageCacheTests
{
    [Fact]
    public void A_stored_package_loads_again()
    {
        using var temp = new TempDirectory();
        var cache = new PackageCache(Path.Combine(temp.Path, "packages"));
        var package = TestPackages.Demo;

        Assert.False(cache.TryLoad(package.Hash, out _, out string? missing));
        Assert.Null(missing); // not there is not damaged
        cache.Store(package);

        Assert.True(cache.TryLoad(package.Hash, out var loaded, out string? damage));
        Assert.Null(damage);
        Assert.Equal(package.Hash, loaded.Hash);
        Assert.Equal(package.Serialize(), loaded.Serialize());
        Assert.Equal(Path.Combine(cache.Directory, package.Hash + ".pkg"), cache.PathOf(package.Hash));
        // Only the package: no temporary file is left behind.
        Assert.Equal([cache.PathOf(package.Hash)], Directory.GetFiles(cache.Directory));
    }

    [Fact]
    public void Storing_again_replaces_the_file()
    {
        using var temp = new TempDirectory();
        var cache = new PackageCache(temp.Path);
        cache.Store(TestPackages.Demo);
        cache.Store(TestPackages.Demo);

        Assert.True(cache.TryLoad(TestPackages.Demo.Hash, out _, out _));
        Assert.Single(Directory.GetFiles(cache.Directory));
    }

    [Fact]
    public void A_corrupted_file_is_deleted_and_reported_damaged()
    {
        using var temp = new TempDirectory();
        var cache = new PackageCache(temp.Path);
        var package = TestPackages.Demo;
        cache.Store(package);
        var path = cache.PathOf(package.Hash);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x40;
        File.WriteAllBytes(path, bytes);

        Assert.False(cache.TryLoad(package.Hash, out var loaded, out string? damage));
        Assert.Null(loaded);
        Assert.Equal("its bytes no longer hash to its name", damage);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_file_that_hashes_to_its_name_but_is_no_package_is_deleted()
    {
        using var temp = new TempDirectory();
        var cache = new PackageCache(temp.Path);
        byte[] garbage = [1, 2, 3];
        var path = cache.PathOf(PackageHash.Of(garbage));
        File.WriteAllBytes(path, garbage);

        Assert.False(cache.TryLoad(PackageHash.Of(garbage), out _, out string? damage));
        Assert.StartsWith("Malformed study package", damage);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void A_hash_that_could_name_another_file_is_refused()
    {
        var cache = new PackageCache(Path.GetTempPath());
        Assert.Throws<ArgumentException>(() => cache.PathOf("../../etc/passwd"));
        Assert.Throws<ArgumentException>(() => cache.TryLoad(TestPackages.Demo.Hash.ToUpperInvariant(), out _, out _));
    }

    [Fact]
    public void The_default_directory_is_under_the_user_cache()
    {
        Assert.EndsWith(Path.Combine("distsnn", "packages"), PackageCache.DefaultDirectory);
    }
}
