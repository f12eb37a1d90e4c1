using DistSnn.Core.Crossbar;
using DistSnn.Core.Crossbar.IrDrop;
using DistSnn.Core.Data;
using DistSnn.Core.Trial;
using static DistSnn.Core.Tests.Study.SpecText;

namespace DistSnn.Core.Tests.Crossbar.IrDrop;

/// <summary>IR drop in the tile step: the tile's read path on real tiles of the shared model with Fashion-MNIST spikes.</summary>
public class IrDropTileStepTests
{
    private const int Batch = 5, Trial = 2, Step = 3;
    private static readonly Dataset Images = TestData.FashionMnistTest(Batch);

    private static (ProgrammedTile Tile, ulong[] Spikes, ReadKey First) Tile(CrossbarSettings chip)
    {
        TrialPlan plan = new(TestData.SharedModel, chip, Images, 7, Batch);
        ProgrammedTile tile = plan.ProgramTile(Trial, 0, 2, 1);
        var all = new ulong[Batch * PackedSpikes.WordsFor(plan.Model.Inputs)];
        ReadKey first = plan.FirstKey(Trial, 0, Step);
        EncoderStep.Spikes(plan, 0, Batch, first, all);
        var spikes = new ulong[Batch * PackedSpikes.WordsFor(tile.Rows)];
        PackedSpikes.CopyBatch(all, plan.Model.Inputs, tile.RowStart, spikes, tile.Rows, 0, tile.Rows, Batch);
        return (tile, spikes, first);
    }

    [Theory]
    [InlineData(IrDropModel.Analytic)]
    [InlineData(IrDropModel.Solver)]
    public void The_tile_step_reads_what_the_ir_drop_model_gives(IrDropModel model)
    {
        var chip = new CrossbarSettings
        {
            Device = new DeviceSettings { Programming = new(NoiseModel.Proportional, 0.1) },
            IrDrop = new IrDropSettings(model, WireResistance: 2.0),
        };
        var (tile, spikes, first) = Tile(chip);
        var partials = new float[Batch * tile.Cols];
        TileCounters counters = new TileStep(tile.Rows, tile.Cols, Batch).Run(tile, spikes, Batch, first, partials);

        var reader = new IrDropTileReader(tile.Rows, tile.Cols, chip.IrDrop);
        var input = new float[tile.Rows];
        var expected = new float[tile.Cols];
        var ideal = new float[tile.Cols];
        long events = 0;
        double drop = 0, scale = 0;
        for (int s = 0; s < Batch; s++)
        {
            PackedSpikes.Unpack(spikes.AsSpan(s * PackedSpikes.WordsFor(tile.Rows)), input);
            reader.Read(tile.IrDrop!, input, expected);
            Assert.Equal(expected, partials.AsSpan(s * tile.Cols, tile.Cols).ToArray());
            events += input.Count(x => x != 0) * tile.Cols;
            // Against the same chip without IR drop: the wires cost a few percent of the largest current.
            Array.Clear(ideal);
            for (int r = 0; r < tile.Rows; r++)
                if (input[r] != 0)
                    for (int c = 0; c < tile.Cols; c++) ideal[c] += tile.Weight[r * tile.Cols + c];
            for (int c = 0; c < tile.Cols; c++)
            {
                drop = Math.Max(drop, Math.Abs(ideal[c] - expected[c]));
                scale = Math.Max(scale, Math.Abs(ideal[c]));
            }
        }
        Assert.Equal(events, counters.Events);
        Assert.InRange(drop / scale, 0.005, 0.3);
    }

    [Fact]
    public void Read_noise_and_the_adc_follow_the_ir_drop()
    {
        var quiet = new CrossbarSettings { IrDrop = new IrDropSettings(IrDropModel.Analytic), Adc = new(8, null) };
        var noisy = quiet with { Device = new DeviceSettings { Read = new(NoiseModel.Proportional, 0.2) } };
        var (tile, spikes, first) = Tile(quiet);
        var (noisyTile, _, _) = Tile(noisy);
        var clean = new float[Batch * tile.Cols];
        var read = new float[Batch * tile.Cols];
        new TileStep(tile.Rows, tile.Cols, Batch).Run(tile, spikes, Batch, first, clean);
        new TileStep(tile.Rows, tile.Cols, Batch).Run(noisyTile, spikes, Batch, first, read);

        // The ADC's levels: every output is a multiple of its step.
        Adc adc = tile.Adc!.Value;
        Assert.All(clean, v => Assert.Equal(Math.Round(v / adc.Step), v / adc.Step, 1e-3));
        Assert.NotEqual(clean, read);
        double meanShift = clean.Zip(read).Average(p => p.Second - p.First);
        Assert.InRange(meanShift, -0.05, 0.05);
    }

    [Fact]
    public void The_spec_binds_the_circuit_and_refuses_it_with_per_device_read_noise()
    {
        IrDropSettings s = Read("model: m\ncrossbar: { ir_drop: { model: analytic, wire_resistance: 2.5, read_voltage: 0.3 } }\n")
            .Points[0].Settings.Crossbar.IrDrop;
        Assert.Equal(new IrDropSettings(IrDropModel.Analytic, 2.5, IrDropSettings.DefaultSourceResistance, IrDropSettings.DefaultSinkResistance, 0.3), s);

        InputException e = Fails("model: m\ncrossbar: { ir_drop: { model: solver }, device: { read: { sigma: 0.1, path: device } } }\n");
        Assert.Contains("crossbar.ir_drop.model", e.Message);
        Assert.Contains("path: column", e.Message);
    }
}
