using BenchmarkDotNet.Attributes;
using DistSnn.Core.Crossbar;
using DistSnn.Core.Trial;

namespace DistSnn.Benchmarks;

/// <summary>
/// <see cref="TileStep.Run"/>: one round of a 64-sample batch through one programmed 128 x 128 tile of the shared
/// model (layer 0, tile row 3 = image inputs 384..511, tile column 0). One op = one <c>Run</c> call = 64 samples.
/// <para><c>ideal</c>: no read noise (weights only, 2 column blocks of 64 columns). <c>column</c>: read noise 0.05
/// on the column path (4 blocks of 32 weights + 32 variances, then 128 normals per sample and sqrt/mul/add).</para>
/// <para>Turning a mean into additions/s: each block adds <c>64</c> floats for every active row of every sample,
/// so one op does <c>sum over samples of activeRows(s) * BlockCount * 64</c> float additions (weights, plus the
/// variances on the column path); GlobalSetup prints that figure per input as "additions/op". Divide it by the
/// mean: e.g. rate-encoded, ideal: 64 samples x 49.9 active rows x 2 blocks x 64 = 408,704 additions in 17.8 us
/// is 2.3e10 additions/s. The column path's 64 x 128 normals are a fixed cost per op that does not shrink with
/// sparsity (and, with the scalar random stream, dominate it).</para>
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 8)]
[MemoryDiagnoser]
public class TileStepBenchmarks
{
    private const int Batch = BenchData.Batch;

    private ProgrammedTile _tile = null!;
    private TileStep _step = null!;
    private ReadKey _first;
    private ulong[] _encoded = null!, _sparse = null!, _full = null!;
    private float[] _partials = null!;
    private float[] _variances = null!; // a tile without an ADC gives its read-noise variances to its column group

    [Params("ideal", "column")]
    public string Read { get; set; } = "ideal";

    [GlobalSetup]
    public void Setup()
    {
        var plan = new TrialPlan(BenchData.LoadModel(), BenchData.Chip(Read), BenchData.LoadImages(), BenchData.Seed, Batch);
        _tile = plan.ProgramTile(BenchData.Trial, 0, BenchData.TileRow, BenchData.TileCol);
        _step = new TileStep(_tile.Rows, _tile.Cols, Batch);
        _first = plan.FirstKey(BenchData.Trial, 0, BenchData.Step);
        _partials = new float[Batch * _tile.Cols];
        _variances = new float[Batch * _tile.Cols];
        _encoded = BenchData.TileInputs(BenchData.EncodedSpikes(plan), plan.Model.Inputs, _tile);
        _sparse = Synthetic(0.05, 5);
        _full = Synthetic(1.0, 6);

        Console.WriteLine($"// tile: layer 0, tile ({_tile.TileRow}, {_tile.TileCol}), {_tile.Rows} x {_tile.Cols}, read path {_tile.ReadPath}, " +
                          $"{_tile.BlockCount} blocks of {_tile.BlockCols} columns, batch {Batch}");
        Report("rate-encoded", _encoded);
        Report("synthetic 5%", _sparse);
        Report("all rows", _full);
    }

    /// <summary>Real rate-encoded Fashion-MNIST spikes (EncoderStep.Spikes of the first 64 test images, step 5).</summary>
    [Benchmark(Baseline = true)]
    public TileCounters RateEncoded() => _step.Run(_tile, _encoded, Batch, _first, _partials, _variances);

    /// <summary>Synthetic bits, each row active with probability 0.05 (about 6 of 128 rows per sample).</summary>
    [Benchmark]
    public TileCounters Sparse5Percent() => _step.Run(_tile, _sparse, Batch, _first, _partials, _variances);

    /// <summary>Every row of every sample active: the dense upper bound.</summary>
    [Benchmark]
    public TileCounters AllRowsActive() => _step.Run(_tile, _full, Batch, _first, _partials, _variances);

    private ulong[] Synthetic(double density, int seed)
    {
        var random = new System.Random(seed);
        int words = PackedSpikes.WordsFor(_tile.Rows);
        var bits = new ulong[Batch * words];
        for (int s = 0; s < Batch; s++)
            for (int r = 0; r < _tile.Rows; r++)
                if (random.NextDouble() < density) bits[s * words + (r >> 6)] |= 1UL << (r & 63);
        return bits;
    }

    private void Report(string name, ulong[] bits)
    {
        int words = PackedSpikes.WordsFor(_tile.Rows);
        long active = 0;
        for (int i = 0; i < Batch * words; i++) active += System.Numerics.BitOperations.PopCount(bits[i]);
        long additions = active * _tile.BlockCount * ProgrammedTile.BlockRowFloats;
        Console.WriteLine($"// {name}: {active / (double)Batch:F1} active rows per sample ({active / (double)(Batch * _tile.Rows):P1}), " +
                          $"{additions:N0} additions/op");
    }
}
