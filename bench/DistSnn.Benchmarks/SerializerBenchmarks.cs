using Akka.Actor;
using BenchmarkDotNet.Attributes;
using DistSnn.Core.Crossbar;
using DistSnn.Core.Trial;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Benchmarks;

/// <summary>
/// <see cref="ProtocolSerializer"/> (the Akka serializer of every protocol message: manifest tag + MessagePack array,
/// checked both ways) on the two messages of every round of every batch: a tile's <see cref="PartialSums"/>
/// (64 samples x 128 columns of float) and a <see cref="SpikeSegment"/> (64 samples x 128 input bits = 128 words).
/// The values are real: the partials of the ideal layer-0 tile (3, 0) and the rate-encoded spikes of its rows for
/// the first 64 Fashion-MNIST test images. One op = one message. GlobalSetup prints the bytes per message.
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 8)]
[MemoryDiagnoser]
public class SerializerBenchmarks
{
    private const int Batch = BenchData.Batch;

    private ActorSystem _system = null!;
    private ProtocolSerializer _serializer = null!;
    private PartialSums _partials = null!;
    private SpikeSegment _segment = null!;
    private byte[] _partialsBytes = null!, _segmentBytes = null!;
    private string _partialsManifest = null!, _segmentManifest = null!;

    [GlobalSetup]
    public void Setup()
    {
        _system = ActorSystem.Create("bench", ProtocolConfig.Serialization);
        _serializer = new ProtocolSerializer((ExtendedActorSystem)_system);

        var plan = new TrialPlan(BenchData.LoadModel(), BenchData.Chip("ideal"), BenchData.LoadImages(), BenchData.Seed, Batch);
        ProgrammedTile tile = plan.ProgramTile(BenchData.Trial, 0, BenchData.TileRow, BenchData.TileCol);
        ulong[] bits = BenchData.TileInputs(BenchData.EncodedSpikes(plan), plan.Model.Inputs, tile);
        var values = new float[Batch * tile.Cols];
        new TileStep(tile.Rows, tile.Cols, Batch).Run(tile, bits, Batch, plan.FirstKey(BenchData.Trial, 0, BenchData.Step), values);

        _partials = new PartialSums(Batch: 12, Round: 5, TileRow: tile.TileRow, Samples: Batch, Cols: tile.Cols, Values: values, Variances: []);
        _segment = new SpikeSegment(Batch: 12, Round: 5, Start: tile.RowStart, Count: tile.Rows, Samples: Batch, Bits: bits);
        _partialsManifest = _serializer.Manifest(_partials);
        _segmentManifest = _serializer.Manifest(_segment);
        _partialsBytes = _serializer.ToBinary(_partials);
        _segmentBytes = _serializer.ToBinary(_segment);

        Console.WriteLine($"// PartialSums ({Batch} x {tile.Cols} floats, {values.Length * sizeof(float)} bytes raw): " +
                          $"{_partialsBytes.Length} bytes per message, manifest '{_partialsManifest}'");
        Console.WriteLine($"// SpikeSegment ({Batch} x {tile.Rows} bits, {bits.Length} words, {bits.Length * sizeof(ulong)} bytes raw): " +
                          $"{_segmentBytes.Length} bytes per message, manifest '{_segmentManifest}'");
    }

    [GlobalCleanup]
    public void Cleanup() => _system.Terminate().Wait(TimeSpan.FromSeconds(10));

    [Benchmark]
    public byte[] PartialSumsToBinary() => _serializer.ToBinary(_partials);

    [Benchmark]
    public object PartialSumsFromBinary() => _serializer.FromBinary(_partialsBytes, _partialsManifest);

    [Benchmark]
    public byte[] SpikeSegmentToBinary() => _serializer.ToBinary(_segment);

    [Benchmark]
    public object SpikeSegmentFromBinary() => _serializer.FromBinary(_segmentBytes, _segmentManifest);
}
