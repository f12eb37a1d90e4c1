using DistSnn.Core.Data;
using DistSnn.Core.Models;
using DistSnn.Core.Study;
using DistSnn.Runtime.Cluster;

namespace DistSnn.Runtime.Tests.Cluster;

/// <summary>Real study packages: the built-in demo, and the Fashion-MNIST reference model with 1,000 test images.</summary>
internal static class TestPackages
{
    /// <summary>A spec for the reference model; the model and data paths are those of this machine, never the worker's.</summary>
    public const string FashionSpecText = """
        format: distsnn-study/1
        name: fmnist
        seed: 7
        model: fmnist-mlp-784-500-10-if.safetensors
        data: { source: fashion-mnist, path: fashion-mnist-2000, split: test, limit: 1000 }
        crossbar:
          tile: { rows: 128, cols: 128 }
        sweep:
          - { key: crossbar.device.read.sigma, values: [0.0, 0.1] }
        trials: 3
        """;

    public static readonly IReadOnlyList<string> FashionSets = ["trials=4", "crossbar.tile.cols=64"];

    private static readonly Lazy<StudyPackage> DemoLazy = new(() => StudyPackage.Create(
        StudySpecReader.DemoSpecText, StudySpecReader.DemoOrigin, [], BuiltinModels.Load("digits-mlp", "test"), BuiltinDatasets.Digits("test")));

    private static readonly Lazy<StudyPackage> FashionLazy = new(() => StudyPackage.Create(
        FashionSpecText, FashionSpecOrigin, FashionSets, ModelFile.Load(FashionModelPath), FashionData()));

    public static StudyPackage Demo => DemoLazy.Value;

    public static StudyPackage Fashion => FashionLazy.Value;

    public static string FashionModelPath => Path.Combine(RepositoryRoot(), "tests", "data", "fmnist-mlp-784-500-10-if.safetensors");

    /// <summary>Where the coordinator read the spec: beside the model, so it resolves there.</summary>
    public static string FashionSpecOrigin => Path.Combine(RepositoryRoot(), "tests", "data", "fmnist.yaml");

    /// <summary>The first 1,000 of the Fashion-MNIST test images the repository keeps (tests/data/fashion-mnist-2000).</summary>
    public static Dataset FashionData() =>
        DataLoader.Load(new DataSpec("fashion-mnist", Path.Combine(RepositoryRoot(), "tests", "data", "fashion-mnist-2000"), "test", 1000), null, "test");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DistSnn.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("DistSnn.sln not found above " + AppContext.BaseDirectory);
    }
}
