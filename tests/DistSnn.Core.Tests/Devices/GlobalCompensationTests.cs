using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Snn;
using DistSnn.Core.Trial;

namespace DistSnn.Core.Tests.Devices;

/// <summary>
/// Global drift compensation (aihwkit GlobalDriftCompensation): one scale per tile from a calibration read brings
/// the tile's mean |column current| back to what it was right after programming. PCM devices, one day after
/// programming, mixed-sign weights, half the inputs active in each of 64 random input patterns, read with the
/// scalar oracle. Drift alone lowers the mean by about a third; compensated, what remains is the spread of drift
/// factors between conductances (nu depends on G) and the accumulated noise, which one scale cannot undo: the
/// stated error is 3 %.
/// </summary>
public class GlobalCompensationTests
{
    private const int Rows = 64, Cols = 64, Patterns = 64;
    private const double Day = 86400;

    private static ProgrammedTile Program(double time, DriftCompensationKind compensation, int adcBits, DriftModelKind drift = DriftModelKind.Pcm)
    {
        var rng = new System.Random(3);
        var w = new float[Rows * Cols];
        for (int i = 0; i < w.Length; i++) w[i] = (float)(rng.NextDouble() * 2 - 1);
        var layer = new DenseLayer(Cols, Rows, w, null);
        var model = new SnnModel([layer], new NeuronSettings(), EncoderKind.Rate, 1, ReadoutKind.SpikeCount);
        var settings = new CrossbarSettings
        {
            Tile = new TileSettings(Rows, Cols),
            Time = time,
            Adc = new AdcSettings(adcBits),
            Device = new DeviceSettings { Preset = DevicePreset.Pcm, Drift = new DriftSettings(drift, compensation) },
        };
        return new TrialPlan(model, settings, new Dataset("none", Rows, [], [], Cols), 7, 1).ProgramTile(0, 0, 0, 0);
    }

    /// <summary>Mean |column current| over the patterns: the same patterns for every tile.</summary>
    private static double MeanCurrent(ProgrammedTile tile)
    {
        var rng = new System.Random(5);
        var reader = new TileReader(Cols);
        var input = new float[Rows];
        var partial = new float[Cols];
        double sum = 0;
        for (int p = 0; p < Patterns; p++)
        {
            for (int r = 0; r < Rows; r++) input[r] = rng.Next(2);
            reader.Read(tile, input, new ReadKey(1, 0, p, 0), partial);
            sum += partial.Sum(x => Math.Abs(x));
        }
        return sum / (Patterns * Cols);
    }

    /// <summary>The same chip right after programming, before any drift or accumulated noise (drift off: the same
    /// programming draws): the reference the compensation aims at.</summary>
    private static double Reference(int adcBits) => MeanCurrent(Program(0, DriftCompensationKind.None, adcBits, DriftModelKind.None));

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void Compensation_restores_the_mean_column_current_after_a_day(int adcBits)
    {
        double reference = Reference(adcBits);
        double drifted = MeanCurrent(Program(Day, DriftCompensationKind.None, adcBits));
        ProgrammedTile compensated = Program(Day, DriftCompensationKind.Global, adcBits);
        double restored = MeanCurrent(compensated);

        Assert.InRange(drifted / reference, 0.5, 0.85);
        Assert.InRange(restored / reference, 0.97, 1.03);
        Assert.InRange(compensated.CompensationScale, 1.2, 2.0);
    }

    [Fact]
    public void The_scale_is_the_ratio_of_the_calibration_reads()
    {
        ProgrammedTile tile = Program(Day, DriftCompensationKind.Global, 0);
        double before = 0, now = 0;
        for (int i = 0; i < tile.GPlus.Length; i++)
        {
            before += Math.Abs((double)tile.ProgrammedPlus![i] - tile.ProgrammedMinus![i]);
            now += Math.Abs((double)tile.GPlus[i] - tile.GMinus[i]);
        }
        // From the float copies of the conductances: a few float roundings from the double sums the tile used.
        Assert.Equal(before / now, tile.CompensationScale, 1e-5);
        Assert.Equal(1.0, Program(Day, DriftCompensationKind.None, 0).CompensationScale);
    }
}
