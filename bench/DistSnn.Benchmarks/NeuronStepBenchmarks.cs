using BenchmarkDotNet.Attributes;
using DistSnn.Core.Crossbar;
using DistSnn.Core.Snn;
using DistSnn.Core.Trial;

namespace DistSnn.Benchmarks;

/// <summary>
/// <see cref="NeuronStep.Fire"/>: one round of a 64-sample batch through one 128-neuron column group of layer 0 of
/// the shared model (outputs 0..127, IF, soft reset, with the layer's bias). One op = 64 x 128 = 8,192 neurons.
/// The currents are real: the partials of the group's 7 ideal tiles for the rate-encoded first 64 test images,
/// summed with <see cref="NeuronStep.AddPartial"/>. The membranes carry over from op to op, as over time steps.
/// <para><c>Sigma = 0</c>: no membrane noise. <c>Sigma = 0.05</c>: 128 normals per sample from the Neuron stream.</para>
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 8)]
[MemoryDiagnoser]
public class NeuronStepBenchmarks
{
    private const int Batch = BenchData.Batch, Cols = 128;

    private TrialPlan _plan = null!;
    private NeuronStep _step = null!;
    private ReadKey _first;
    private float[] _current = null!;
    private double[] _membrane = null!;
    private ulong[] _spikes = null!;

    [Params(0.0, 0.05)]
    public double Sigma { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        SnnModel model = BenchData.LoadModel();
        model = model.With(neuron: model.Neuron with { Sigma = Sigma });
        _plan = new TrialPlan(model, BenchData.Chip("ideal"), BenchData.LoadImages(), BenchData.Seed, Batch);
        _first = _plan.FirstKey(BenchData.Trial, 0, BenchData.Step);
        _step = new NeuronStep(Cols);
        _current = new float[Batch * Cols];
        _membrane = new double[Batch * Cols];
        _spikes = new ulong[Batch * PackedSpikes.WordsFor(Cols)];

        ulong[] input = BenchData.EncodedSpikes(_plan);
        var partials = new float[Batch * Cols];
        var tileStep = new TileStep(_plan.MaxTileRows, _plan.MaxTileCols, Batch);
        for (int tileRow = 0; tileRow < _plan.Grids[0].TileRows; tileRow++)
        {
            ProgrammedTile tile = _plan.ProgramTile(BenchData.Trial, 0, tileRow, 0);
            tileStep.Run(tile, BenchData.TileInputs(input, _plan.Model.Inputs, tile), Batch, _first, partials);
            for (int s = 0; s < Batch; s++)
                NeuronStep.AddPartial(_current.AsSpan(s * Cols, Cols), partials.AsSpan(s * tile.Cols, tile.Cols), tileRow == 0);
        }

        Fire();
        long fired = 0;
        foreach (ulong w in _spikes) fired += System.Numerics.BitOperations.PopCount(w);
        Console.WriteLine($"// neuron group: layer 0, outputs 0..{Cols - 1}, batch {Batch}, {model.Neuron}; " +
                          $"{fired} of {Batch * Cols} neurons fired in the first op (membranes from 0)");
    }

    [Benchmark]
    public void Fire() =>
        _step.Fire(_plan, 0, 0, Cols, Batch, _first, _current, _membrane, _spikes);
}
