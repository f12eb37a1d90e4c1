using DistSnn.Core.Data;
using DistSnn.Core.Models;
using DistSnn.Core.Snn;

namespace DistSnn.Core.Tests;

/// <summary>The real data and models the tests run on.</summary>
public static class TestData
{
    public const string FashionMnistDirectory = "/usr/share/datasets/fashion-mnist";

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The independent reference model (784-500-10 IF) kept in tests/data.</summary>
    public static string SharedModelPath => Path.Combine(RepositoryRoot, "tests", "data", "fmnist-mlp-784-500-10-if.safetensors");

    private static readonly Lazy<SnnModel> SharedModelLazy = new(() => ModelFile.Load(SharedModelPath));
    public static SnnModel SharedModel => SharedModelLazy.Value;

    /// <summary>The first <paramref name="limit"/> Fashion-MNIST test images.</summary>
    public static Dataset FashionMnistTest(int limit) =>
        DataLoader.Load(new DataSpec("fashion-mnist", FashionMnistDirectory, "test", limit), null, "test");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DistSnn.sln"))) return dir.FullName;
        throw new InvalidOperationException("DistSnn.sln not found above " + AppContext.BaseDirectory);
    }
}
