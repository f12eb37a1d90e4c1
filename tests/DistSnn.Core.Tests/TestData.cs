using DistSnn.Core.Data;
using DistSnn.Core.Models;
using DistSnn.Core.Snn;

namespace DistSnn.Core.Tests;

/// <summary>The real data and models the tests run on, all kept in the repository (tests/data).</summary>
public static class TestData
{
    /// <summary>How many Fashion-MNIST test images the repository keeps.</summary>
    public const int FashionMnistShipped = 2000;

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The first <see cref="FashionMnistShipped"/> Fashion-MNIST test images and labels (tests/data/fashion-mnist-2000).</summary>
    public static string FashionMnistDirectory => Path.Combine(RepositoryRoot, "tests", "data", "fashion-mnist-2000");

    /// <summary>The independent reference model (784-500-10 IF) kept in tests/data.</summary>
    public static string SharedModelPath => Path.Combine(RepositoryRoot, "tests", "data", "fmnist-mlp-784-500-10-if.safetensors");

    private static readonly Lazy<SnnModel> SharedModelLazy = new(() => ModelFile.Load(SharedModelPath));
    public static SnnModel SharedModel => SharedModelLazy.Value;

    /// <summary>The first <paramref name="limit"/> Fashion-MNIST test images, from the repository's copy. A test that
    /// needs more reads the full set with <see cref="FullFashionMnistTest"/> under <see cref="FullFashionMnistFactAttribute"/>.</summary>
    public static Dataset FashionMnistTest(int limit)
    {
        if (limit > FashionMnistShipped)
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"the repository keeps only {FashionMnistShipped} Fashion-MNIST test images");
        return DataLoader.Load(new DataSpec("fashion-mnist", FashionMnistDirectory, "test", limit), null, "test");
    }

    /// <summary>All 10,000 Fashion-MNIST test images, from the Debian package (the fashion-mnist source's default path).</summary>
    public static Dataset FullFashionMnistTest() =>
        DataLoader.Load(new DataSpec("fashion-mnist", DataLoader.DefaultFashionMnistDirectory, "test"), null, "test");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DistSnn.sln"))) return dir.FullName;
        throw new InvalidOperationException("DistSnn.sln not found above " + AppContext.BaseDirectory);
    }
}
