using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Engine;
using DistSnn.Core.Snn;

namespace DistSnn.Core.Tests.Engine;

/// <summary>The sequential engine's read hook: it changes nothing, and one sample run alone reads what it reads in its batch.</summary>
public class TileReadObserverTests
{
    [Theory]
    [InlineData(ReadNoisePath.Column)]
    [InlineData(ReadNoisePath.Device)]
    public void A_sample_alone_reads_what_it_reads_in_its_batch_and_the_read_stage_converts_to_the_adc_stage(ReadNoisePath path)
    {
        SnnModel model = TestData.SharedModel.With(timesteps: 4);
        Dataset data = TestData.FashionMnistTest(6);
        CrossbarSettings chip = DeterminismTests.NoisyChip(path);
        const int sample = 4, step = 2;

        var plain = new double[data.Count * model.Classes];
        new ReferenceEngine(model, chip, 4, 8).RunTrial(1, data, plain);
        var observed = new double[data.Count * model.Classes];
        var batch = new BatchReads(sample, step);
        new ReferenceEngine(model, chip, 4, 8).RunTrial(1, data, observed, batch);
        Assert.Equal(plain, observed);

        var alone = new TileReadCapture(model, step);
        new ReferenceEngine(model, chip, 4, 1).RunTrial(1, data.Slice(sample, 1), observer: alone);
        Assert.Equal(batch.Adc.Keys.Order(), alone.Reads.Keys.Order());
        foreach (((int, int) tile, TileReadStages stages) in alone.Reads)
        {
            Assert.Equal(batch.Adc[tile], stages.Adc);
            // The ADC (6 bits) converts the noisy read into what the group receives.
            float[] converted = stages.Read.ToArray();
            ProgrammedTile programmed = batch.Tiles[tile];
            TileReader.Convert(programmed, converted);
            Assert.Equal(stages.Adc, converted);
            Assert.NotEqual(stages.Analog, stages.Read);
        }
    }

    private sealed class BatchReads(int sample, int step) : ITileReadObserver
    {
        public Dictionary<(int, int), float[]> Adc { get; } = new();
        public Dictionary<(int, int), ProgrammedTile> Tiles { get; } = new();

        public bool Wants(int s) => s == step;

        public void TileRead(ProgrammedTile tile, in ReadKey first, int samples, ReadOnlySpan<float> inputs, ReadOnlySpan<float> partials, ReadOnlySpan<float> variances)
        {
            Assert.Equal(step, first.Step);
            Assert.True(variances.IsEmpty, "with an ADC no tile defers its noise");
            Adc[(tile.Layer, tile.Index)] = partials.Slice(sample * tile.Cols, tile.Cols).ToArray();
            Tiles[(tile.Layer, tile.Index)] = tile;
        }
    }
}
