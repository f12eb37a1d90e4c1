using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Snn;
using DistSnn.Core.Trial;

namespace DistSnn.Core.Tests.Trial;

/// <summary>
/// The fast tile step against the scalar oracle (<see cref="TileReader"/>) on real tiles of the shared model and real
/// Fashion-MNIST inputs: the same additions in the same order, so the same bits, for every non-ideality.
/// </summary>
public class TileStepTests
{
    private static readonly Dataset Images = TestData.FashionMnistTest(64);

    public static CrossbarSettings Chip(string name, int rows, int cols) => name switch
    {
        "ideal" => new CrossbarSettings { Tile = new(rows, cols) },
        "column" => Everything(rows, cols, ReadNoisePath.Column),
        "device" => Everything(rows, cols, ReadNoisePath.Device),
        // No ADC: the tile gives its currents' variances and leaves the noise to the column group.
        "group" => Everything(rows, cols, ReadNoisePath.Column) with { Adc = new() },
        // The wire network gives the currents; noise, periphery and ADC follow as without it.
        "irdrop" => Everything(rows, cols, ReadNoisePath.Column) with { IrDrop = new(IrDropModel.Analytic, WireResistance: 2.0) },
        "additive" => Everything(rows, cols, ReadNoisePath.Column) with
        {
            Device = new DeviceSettings { Programming = new(NoiseModel.Additive, 0.5), Read = new(NoiseModel.Additive, 0.3) },
        },
        _ => throw new ArgumentException(name),
    };

    /// <summary>Every non-ideality at once: gmin, per-tile scale, levels, programming error, stuck devices, read noise,
    /// column offsets and output noise, a 6-bit ADC.</summary>
    private static CrossbarSettings Everything(int rows, int cols, ReadNoisePath path) => new()
    {
        Periphery = new(OutputNoise: 0.02, Offset: 0.01),
        Tile = new(rows, cols),
        Mapping = new(0.5, 25.0, ScaleMode.PerTile, 64),
        Device = new DeviceSettings { Programming = new(NoiseModel.Proportional, 0.1), Read = new(NoiseModel.Proportional, 0.05, path) },
        Faults = new(0.02, 0.01),
        Adc = new(6, null),
    };

    public static TheoryData<string, int, int, int> Cases()
    {
        var cases = new TheoryData<string, int, int, int>();
        foreach (string chip in new[] { "ideal", "column", "device", "additive", "group", "irdrop" })
            foreach (int batch in new[] { 1, 7, 64 })
            {
                cases.Add(chip, 100, 37, batch);
                cases.Add(chip, 128, 128, batch);
            }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Spikes_give_the_oracles_bits(string chip, int rows, int cols, int batch)
    {
        TrialPlan plan = new(TestData.SharedModel, Chip(chip, rows, cols), Images, 7, batch);
        int inputs = plan.Model.Inputs, step = 5, trial = 3;
        var spikes = new ulong[batch * PackedSpikes.WordsFor(inputs)];
        ReadKey first = plan.FirstKey(trial, 0, step);
        EncoderStep.Spikes(plan, 0, batch, first, spikes);
        CompareEveryTile(plan, trial, batch, first, (tile, rowInputs, values) =>
        {
            PackedSpikes.CopyBatch(spikes, inputs, tile.RowStart, rowInputs.Spikes, tile.Rows, 0, tile.Rows, batch);
            for (int s = 0; s < batch; s++)
                PackedSpikes.Unpack(rowInputs.Spikes.AsSpan(s * PackedSpikes.WordsFor(tile.Rows)), values.AsSpan(s * tile.Rows, tile.Rows));
            return (step0, partials, variances) => step0.Run(tile, rowInputs.Spikes, batch, first, partials, variances);
        });
    }

    [Theory]
    [InlineData("ideal", 100, 37, 7)]
    [InlineData("column", 100, 37, 7)]
    [InlineData("column", 128, 128, 64)]
    [InlineData("group", 100, 37, 7)]
    [InlineData("device", 128, 128, 1)]
    public void Analog_inputs_give_the_oracles_bits(string chip, int rows, int cols, int batch)
    {
        TrialPlan plan = new(TestData.SharedModel.With(encoder: EncoderKind.Direct), Chip(chip, rows, cols) with { Dac = new(4) }, Images, 7, batch);
        int inputs = plan.Model.Inputs, trial = 1;
        var analog = new float[batch * inputs];
        EncoderStep.Analog(plan, 0, batch, analog);
        ReadKey first = plan.FirstKey(trial, 0, 0);
        CompareEveryTile(plan, trial, batch, first, (tile, _, values) =>
        {
            for (int s = 0; s < batch; s++) analog.AsSpan(s * inputs + tile.RowStart, tile.Rows).CopyTo(values.AsSpan(s * tile.Rows));
            return (step0, partials, variances) => step0.RunAnalog(tile, values, batch, first, partials, variances);
        });
    }

    private sealed record RowInputs(ulong[] Spikes);

    /// <summary>For every tile of layer 0: the fast step on the batch, and the oracle sample by sample on the same inputs.</summary>
    private static void CompareEveryTile(TrialPlan plan, int trial, int batch, ReadKey first,
        Func<ProgrammedTile, RowInputs, float[], Func<TileStep, float[], float[], TileCounters>> prepare)
    {
        var step = new TileStep(plan.MaxTileRows, plan.MaxTileCols, batch);
        var oracle = new TileReader(plan.MaxTileCols);
        TileGrid grid = plan.Grids[0];
        int nonZero = 0, positiveVariances = 0;
        for (int tr = 0; tr < grid.TileRows; tr++)
            for (int tc = 0; tc < grid.TileCols; tc++)
            {
                ProgrammedTile tile = plan.ProgramTile(trial, 0, tr, tc);
                var values = new float[batch * tile.Rows];
                var rowInputs = new RowInputs(new ulong[batch * PackedSpikes.WordsFor(tile.Rows)]);
                var run = prepare(tile, rowInputs, values);
                int n = batch * tile.Cols, v = tile.DefersReadNoise ? tile.Cols : 0;
                float[] fast = new float[n], fastVariance = new float[batch * v];
                TileCounters counters = run(step, fast, fastVariance);

                float[] expected = new float[n], expectedVariance = new float[batch * v];
                long clipped = 0;
                for (int s = 0; s < batch; s++)
                    clipped += oracle.Read(tile, values.AsSpan(s * tile.Rows, tile.Rows), first with { Sample = first.Sample + s },
                        expected.AsSpan(s * tile.Cols, tile.Cols), expectedVariance.AsSpan(s * v, v));
                Assert.Equal(expected, fast);
                Assert.Equal(expectedVariance, fastVariance);
                positiveVariances += fastVariance.Count(x => x > 0);
                Assert.Equal(clipped, counters.Clipped);
                Assert.Equal(tile.Adc is null ? 0 : (long)batch * tile.Cols, counters.Conversions);
                nonZero += fast.Count(v => v != 0);
            }
        Assert.True(nonZero > grid.Count * batch, "the tiles must see real currents");
        if (ProgrammedTile.ReadNoiseAtGroup(plan.Crossbar)) Assert.True(positiveVariances > grid.Count, "the tiles must give real variances");
    }

    [Fact]
    public void The_vector_sums_equal_the_scalar_ones()
    {
        ProgrammedTile tile = new TrialPlan(TestData.SharedModel, Chip("column", 128, 128), Images, 1, 1).ProgramTile(0, 0, 2, 1);
        int[] rows = Enumerable.Range(0, 128).Where(r => r % 3 != 1).ToArray();
        float[] inputs = rows.Select(r => (r % 7) / 7f).ToArray();
        ReadOnlySpan<float> block = tile.Blocks.Span[..(tile.Rows * ProgrammedTile.BlockRowFloats)];
        float[] scalar = new float[64], fast = new float[64];
        TileStep.SumRowsScalar(block, rows, scalar);
        TileStep.SumRows(block, rows, fast.AsSpan(0, 32), fast.AsSpan(32));
        Assert.Equal(scalar, fast);
        TileStep.SumWeightedRowsScalar(block, rows, inputs, true, scalar);
        TileStep.SumWeightedRows(block, rows, inputs, true, fast);
        Assert.Equal(scalar, fast);
        Assert.Contains(scalar, v => v != 0);
    }

    [Theory]
    [InlineData("ideal")]
    [InlineData("column")]
    public void A_round_allocates_nothing(string chip)
    {
        TrialPlan plan = new(TestData.SharedModel, Chip(chip, 128, 128), Images, 7, 64);
        var spikes = new ulong[64 * PackedSpikes.WordsFor(plan.Model.Inputs)];
        ReadKey first = plan.FirstKey(0, 0, 0);
        EncoderStep.Spikes(plan, 0, 64, first, spikes);
        ProgrammedTile tile = plan.ProgramTile(0, 0, 0, 0);
        var rowSpikes = new ulong[64 * 2];
        PackedSpikes.CopyBatch(spikes, plan.Model.Inputs, 0, rowSpikes, 128, 0, 128, 64);
        var step = new TileStep(128, 128, 64);
        var partials = new float[64 * 128];
        step.Run(tile, rowSpikes, 64, first, partials);

        long before = GC.GetAllocatedBytesForCurrentThread();
        step.Run(tile, rowSpikes, 64, first with { Step = 1 }, partials);
        EncoderStep.Spikes(plan, 0, 64, first with { Step = 1 }, spikes);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
