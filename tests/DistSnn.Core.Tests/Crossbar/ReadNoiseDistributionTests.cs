using DistSnn.Core.Crossbar;
using DistSnn.Core.Trial;
using DistSnn.Core.Data;

namespace DistSnn.Core.Tests.Crossbar;

/// <summary>
/// The fast read-noise path (one Gaussian per column) must have the same distribution as the per-device oracle
/// (one Gaussian per device), on a real tile of the reference model driven by a real image's spikes.
/// </summary>
public class ReadNoiseDistributionTests
{
    private const int Reads = 3000;

    public static TheoryData<NoiseModel, double> Models => new()
    {
        { NoiseModel.Proportional, 0.1 },
        { NoiseModel.Proportional, 0.3 },
        { NoiseModel.Additive, 0.5 },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Column_path_matches_the_per_device_oracle(NoiseModel model, double sigma)
    {
        var settings = new CrossbarSettings
        {
            Tile = new(128, 128),
            Device = new DeviceSettings { Programming = new(NoiseModel.Proportional, 0.1) },
        };
        ProgrammedTile fastTile = ProgrammedTile.Program(TestData.SharedModel.Layers[0], 0,
            new TileGrid(784, 500, settings.Tile), 2, 1, TestData.SharedModel.Layers[0].MaxAbsWeight(),
            settings with { Device = settings.Device with { Read = new(model, sigma, ReadNoisePath.Column) } }, 3, 0);
        ProgrammedTile deviceTile = ProgrammedTile.Program(TestData.SharedModel.Layers[0], 0,
            new TileGrid(784, 500, settings.Tile), 2, 1, TestData.SharedModel.Layers[0].MaxAbsWeight(),
            settings with { Device = settings.Device with { Read = new(model, sigma, ReadNoisePath.Device) } }, 3, 0);
        Assert.Equal(fastTile.Weight, deviceTile.Weight);

        // Rows 256..383 of an image: the pixels brighter than half are spikes.
        Dataset image = TestData.FashionMnistTest(1);
        float[] spikes = image.Sample(0).Slice(256, 128).ToArray().Select(p => p > 0.5f ? 1f : 0f).ToArray();
        Assert.InRange(spikes.Count(s => s == 1f), 20, 128);

        var reader = new TileReader(128);
        var fast = new double[Reads, 128];
        var oracle = new double[Reads, 128];
        var partial = new float[128];
        var varianceSums = new float[128];
        var group = new NeuronStep(128);
        Assert.True(fastTile.DefersReadNoise, "without an ADC the column group draws the noise");
        for (int read = 0; read < Reads; read++)
        {
            var key = new ReadKey(3, 0, 0, read);
            // The fast path: the tile's variances, one normal per column at the group (this tile is its group).
            reader.Read(fastTile, spikes, key, partial, varianceSums);
            group.AddReadNoise(0, 128, 128, 1, key, partial, varianceSums);
            for (int c = 0; c < 128; c++) fast[read, c] = partial[c];
            reader.Read(deviceTile, spikes, key, partial);
            for (int c = 0; c < 128; c++) oracle[read, c] = partial[c];
        }

        double k = fastTile.WeightPerSiemens;
        foreach (int c in new[] { 0, 17, 64, 101, 127 })
        {
            double[] a = Column(fast, c), b = Column(oracle, c);
            double mean = 0, variance = 0;
            for (int r = 0; r < 128; r++)
            {
                if (spikes[r] == 0) continue;
                mean += fastTile.Weight[r * 128 + c];
                double gp = fastTile.GPlus[r * 128 + c], gn = fastTile.GMinus[r * 128 + c];
                variance += (model == NoiseModel.Proportional ? sigma * sigma * (gp * gp + gn * gn) : 2 * sigma * sigma) * k * k;
            }
            double sd = Math.Sqrt(variance);
            double se = sd / Math.Sqrt(Reads);
            // Both paths: the analytic mean within 4.5 standard errors, the variance within 15% (SE of a variance ~2.6%).
            Assert.InRange(a.Average(), mean - 4.5 * se, mean + 4.5 * se);
            Assert.InRange(b.Average(), mean - 4.5 * se, mean + 4.5 * se);
            Assert.InRange(Variance(a) / variance, 0.85, 1.15);
            Assert.InRange(Variance(b) / variance, 0.85, 1.15);
            // Two-sample Kolmogorov-Smirnov at alpha = 0.001: D_crit = 1.95 * sqrt(2 / n).
            Assert.InRange(KolmogorovSmirnov(a, b), 0, 1.95 * Math.Sqrt(2.0 / Reads));
        }
    }

    [Fact]
    public void The_test_can_tell_a_wrong_variance_apart()
    {
        // The same comparison against a column path whose noise is 30% too wide must fail the KS bound.
        var rng = new System.Random(1);
        double[] a = Enumerable.Range(0, Reads).Select(_ => Normal(rng)).ToArray();
        double[] b = Enumerable.Range(0, Reads).Select(_ => 1.3 * Normal(rng)).ToArray();
        Assert.True(KolmogorovSmirnov(a, b) > 1.95 * Math.Sqrt(2.0 / Reads));
    }

    private static double Normal(System.Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    private static double[] Column(double[,] values, int c) => Enumerable.Range(0, values.GetLength(0)).Select(r => values[r, c]).ToArray();

    private static double Variance(double[] x)
    {
        double m = x.Average();
        return x.Sum(v => (v - m) * (v - m)) / (x.Length - 1);
    }

    /// <summary>sup |F_a - F_b| of the two empirical CDFs.</summary>
    public static double KolmogorovSmirnov(double[] a, double[] b)
    {
        double[] x = a.Order().ToArray(), y = b.Order().ToArray();
        int i = 0, j = 0;
        double d = 0;
        while (i < x.Length && j < y.Length)
        {
            double v = Math.Min(x[i], y[j]);
            while (i < x.Length && x[i] <= v) i++;
            while (j < y.Length && y[j] <= v) j++;
            d = Math.Max(d, Math.Abs((double)i / x.Length - (double)j / y.Length));
        }
        return d;
    }
}
