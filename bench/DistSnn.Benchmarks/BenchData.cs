using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Models;
using DistSnn.Core.Snn;
using DistSnn.Core.Trial;

namespace DistSnn.Benchmarks;

/// <summary>
/// The real model and data the benchmarks run on: the shared 784-500-10 IF model of tests/data and the first
/// <see cref="Batch"/> Fashion-MNIST test images, and the chips the tile benchmarks program.
/// </summary>
internal static class BenchData
{
    public const string FashionMnistDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>Samples per batch in every batched benchmark.</summary>
    public const int Batch = 64;

    /// <summary>Trial, step and seed of every read key: any fixed values do.</summary>
    public const int Trial = 0, Step = 5;
    public const uint Seed = 1;

    /// <summary>The layer-0 tile the tile benchmarks read: tile row 3 (image inputs 384..511, the middle rows of the
    /// picture, where the garments are), tile column 0 (outputs 0..127).</summary>
    public const int TileRow = 3, TileCol = 0;

    public static string RepositoryRoot { get; } = FindRoot();

    public static string SharedModelPath => Path.Combine(RepositoryRoot, "tests", "data", "fmnist-mlp-784-500-10-if.safetensors");

    public static SnnModel LoadModel() => ModelFile.Load(SharedModelPath);

    public static Dataset LoadImages() =>
        DataLoader.Load(new DataSpec("fashion-mnist", FashionMnistDirectory, "test", Batch), null, "bench");

    /// <summary>128 x 128 tiles; <c>ideal</c>: no non-ideality; <c>column</c>: proportional read noise 0.05 on the column path.</summary>
    public static CrossbarSettings Chip(string read) => read switch
    {
        "ideal" => new CrossbarSettings { Tile = new(128, 128) },
        "column" => new CrossbarSettings
        {
            Tile = new(128, 128),
            Device = new DeviceSettings { Read = new(NoiseModel.Proportional, 0.05, ReadNoisePath.Column) },
        },
        _ => throw new ArgumentException($"unknown read setting '{read}'", nameof(read)),
    };

    /// <summary>Rate-encoded spikes of the batch at <see cref="Step"/>: <c>[Batch, WordsFor(784)]</c>.</summary>
    public static ulong[] EncodedSpikes(TrialPlan plan)
    {
        var spikes = new ulong[Batch * PackedSpikes.WordsFor(plan.Model.Inputs)];
        EncoderStep.Spikes(plan, 0, Batch, plan.FirstKey(Trial, 0, Step), spikes);
        return spikes;
    }

    /// <summary>The bits of the tile's rows, cut out of the layer's input spikes: <c>[Batch, WordsFor(tile.Rows)]</c>.</summary>
    public static ulong[] TileInputs(ulong[] layerSpikes, int layerInputs, ProgrammedTile tile)
    {
        var bits = new ulong[Batch * PackedSpikes.WordsFor(tile.Rows)];
        PackedSpikes.CopyBatch(layerSpikes, layerInputs, tile.RowStart, bits, tile.Rows, 0, tile.Rows, Batch);
        return bits;
    }

    private static string FindRoot()
    {
        // BenchmarkDotNet runs each benchmark from a generated project under bin/, still inside the repository.
        foreach (string start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "DistSnn.sln"))) return dir.FullName;
        throw new InvalidOperationException("DistSnn.sln not found above " + AppContext.BaseDirectory);
    }
}
