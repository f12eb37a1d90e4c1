using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Engine;
using DistSnn.Core.Snn;

namespace DistSnn.Core.Tests.Engine;

public class DeterminismTests
{
    /// <summary>Every kind of randomness at once, on several tiles per layer.</summary>
    public static CrossbarSettings NoisyChip(ReadNoisePath path = ReadNoisePath.Column) => new()
    {
        Tile = new(200, 128),
        Mapping = new(0.5, 25.0, ScaleMode.PerTile, 0),
        Device = new DeviceSettings
        {
            Programming = new(NoiseModel.Proportional, 0.1),
            Read = new(NoiseModel.Proportional, 0.1, path),
        },
        Faults = new(0.02, 0.005),
        Adc = new(6, null),
    };

    [Theory]
    [InlineData(ReadNoisePath.Column)]
    [InlineData(ReadNoisePath.Device)]
    public void Batch_size_does_not_change_a_single_bit(ReadNoisePath path)
    {
        // The per-device path draws a Gaussian per active device and read: keep it small.
        bool perDevice = path == ReadNoisePath.Device;
        SnnModel model = TestData.SharedModel.With(timesteps: perDevice ? 4 : 8, neuron: TestData.SharedModel.Neuron with { Sigma = 0.05 });
        Dataset data = TestData.FashionMnistTest(perDevice ? 9 : 40);
        double[] Scores(int batch)
        {
            var scores = new double[data.Count * model.Classes];
            new ReferenceEngine(model, NoisyChip(path), 4, batch).RunTrial(1, data, scores);
            return scores;
        }
        double[] one = Scores(1);
        Assert.Equal(one, Scores(4));
        Assert.Equal(one, Scores(64));
    }

    [Fact]
    public void A_sample_sees_the_same_draws_whatever_else_is_in_the_data_subset()
    {
        SnnModel model = TestData.SharedModel.With(timesteps: 8);
        Dataset all = TestData.FashionMnistTest(30);
        Dataset tail = all.Slice(10, 20);
        var allScores = new double[30 * 10];
        var tailScores = new double[20 * 10];
        new ReferenceEngine(model, NoisyChip(), 4, 8).RunTrial(0, all, allScores);
        new ReferenceEngine(model, NoisyChip(), 4, 8).RunTrial(0, tail, tailScores);
        Assert.Equal(allScores[100..], tailScores);
    }

    [Fact]
    public void Non_idealities_cost_accuracy_and_trials_differ()
    {
        SnnModel model = TestData.SharedModel.With(timesteps: 16);
        Dataset data = TestData.FashionMnistTest(200);
        // Faults on top of the noisy chip (whose ADC has 6 bits); a 3-bit ADC would silence the network entirely.
        var harsh = NoisyChip() with { Faults = new(0.2, 0.02) };
        TrialResult ideal = new ReferenceEngine(model, CrossbarSettings.Ideal, 4).RunTrial(0, data);
        var scoresA = new double[data.Count * model.Classes];
        var scoresB = new double[data.Count * model.Classes];
        TrialResult a = new ReferenceEngine(model, harsh, 4).RunTrial(0, data, scoresA);
        new ReferenceEngine(model, harsh, 4).RunTrial(1, data, scoresB);
        Assert.True(a.Accuracy < ideal.Accuracy - 0.05, $"ideal {ideal.Accuracy}, harsh {a.Accuracy}");
        // Two chips: different faults and programming errors, so different output spike counts.
        Assert.NotEqual(scoresA, scoresB);
        Assert.True(a.AdcConversions > 0);
    }
}
