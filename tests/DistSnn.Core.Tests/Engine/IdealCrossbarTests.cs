using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Engine;
using DistSnn.Core.Snn;

namespace DistSnn.Core.Tests.Engine;

/// <summary>Ideal devices must reproduce the plain network: identical spike counts for every sample.</summary>
public class IdealCrossbarTests
{
    private static readonly Lazy<double[]> Dense = new(() =>
        PlainNetwork.SpikeCounts(TestData.SharedModel.With(timesteps: 16), TestData.FashionMnistTest(60), 9, 2, PlainNetwork.Sums.Double));

    public static TheoryData<int, int, double, ScaleMode> Tilings => new()
    {
        { 128, 128, 0.0, ScaleMode.PerLayer },
        { 100, 37, 0.0, ScaleMode.PerLayer },
        { 32, 32, 2.0, ScaleMode.PerTile },
    };

    [Theory]
    [MemberData(nameof(Tilings))]
    public void Ideal_devices_give_the_dense_networks_spike_counts(int rows, int cols, double gmin, ScaleMode scale)
    {
        SnnModel model = TestData.SharedModel.With(timesteps: 16);
        Dataset data = TestData.FashionMnistTest(60);
        var crossbar = new CrossbarSettings { Tile = new(rows, cols), Mapping = new(gmin, 25.0, scale, 0) };
        var scores = new double[data.Count * model.Classes];
        new ReferenceEngine(model, crossbar, 9, batch: 16).RunTrial(2, data, scores);
        double[] dense = Dense.Value;
        Assert.Equal(dense, scores);
        Assert.True(dense.Sum() > data.Count * 5, "the network must actually spike");
    }

    [Fact]
    public void Reference_model_reaches_its_published_ideal_accuracy_on_fashion_mnist()
    {
        // ../shared/models/README.md: 0.882 +/- 0.002 on the first 2,000 test images (ideal, rate coding, T = 32).
        Dataset data = TestData.FashionMnistTest(2000);
        TrialResult result = new ReferenceEngine(TestData.SharedModel, CrossbarSettings.Ideal, 1, batch: 128).RunTrial(0, data);
        Assert.Equal(2000, result.Total);
        Assert.InRange(result.Accuracy, 0.872, 0.892);
    }
}
