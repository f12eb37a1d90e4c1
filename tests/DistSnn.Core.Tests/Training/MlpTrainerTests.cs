using DistSnn.Core.Data;
using DistSnn.Core.Training;
using Xunit.Abstractions;

namespace DistSnn.Core.Tests.Training;

public class MlpTrainerTests(ITestOutputHelper output)
{
    [Fact]
    public void Training_twice_gives_bit_identical_weights()
    {
        ReluMlp first = TrainedDigitsMlp.Network;
        ReluMlp second = MlpTrainer.Train(BuiltinDatasets.Digits("train"), new MlpTrainingSettings());

        Assert.Equal(first.Layers.Count, second.Layers.Count);
        for (int l = 0; l < first.Layers.Count; l++)
        {
            // Compare bit patterns: Assert.Equal on floats would let -0 equal +0.
            Assert.Equal(first.Layers[l].Weights.Select(BitConverter.SingleToInt32Bits), second.Layers[l].Weights.Select(BitConverter.SingleToInt32Bits));
            Assert.Equal(first.Layers[l].Bias!.Select(BitConverter.SingleToInt32Bits), second.Layers[l].Bias!.Select(BitConverter.SingleToInt32Bits));
        }
    }

    [Fact]
    public void Another_seed_gives_other_weights()
    {
        var settings = new MlpTrainingSettings { Epochs = 1 };
        ReluMlp one = MlpTrainer.Train(BuiltinDatasets.Digits("train"), settings);
        ReluMlp two = MlpTrainer.Train(BuiltinDatasets.Digits("train"), settings with { Seed = 2 });
        Assert.NotEqual(one.Layers[0].Weights, two.Layers[0].Weights);
    }

    [Fact]
    public void Default_network_is_64_64_10_and_reaches_093_on_the_held_out_digits()
    {
        ReluMlp network = TrainedDigitsMlp.Network;
        double accuracy = network.Accuracy(BuiltinDatasets.Digits("test"));
        output.WriteLine($"ANN test accuracy {accuracy:F4}, training took {TrainedDigitsMlp.Elapsed.TotalSeconds:F1} s");

        Assert.Equal("64-64-10", network.Architecture);
        Assert.Equal(64 * 64, network.Layers[0].Weights.Length);
        Assert.Equal(10, network.Layers[1].Bias!.Length);
        Assert.True(accuracy >= 0.93, $"ANN test accuracy {accuracy:F4}");
    }

    [Fact]
    public void Hidden_sizes_set_the_architecture()
    {
        ReluMlp network = MlpTrainer.Train(BuiltinDatasets.Digits("train"), new MlpTrainingSettings { HiddenSizes = [20, 12], Epochs = 1 });
        Assert.Equal("64-20-12-10", network.Architecture);
    }

    [Fact]
    public void Training_learns_a_separable_toy_problem()
    {
        // Class = which of two features is larger: a few epochs must get it (almost) all right.
        var random = new SplitMix64(7);
        int count = 200;
        var values = new float[count * 2];
        var labels = new int[count];
        for (int s = 0; s < count; s++)
        {
            values[2 * s] = (float)random.NextDouble();
            values[2 * s + 1] = (float)random.NextDouble();
            labels[s] = values[2 * s] > values[2 * s + 1] ? 0 : 1;
        }
        var data = new Dataset("toy", 2, values, labels, 2);
        ReluMlp network = MlpTrainer.Train(data, new MlpTrainingSettings { HiddenSizes = [8], Epochs = 50, LearningRate = 1e-2 });
        Assert.True(network.Accuracy(data) >= 0.95);
    }

    [Fact]
    public void Settings_out_of_range_are_refused()
    {
        Assert.Throws<ArgumentException>(() => MlpTrainer.Train(BuiltinDatasets.Digits("train"), new MlpTrainingSettings { Epochs = 0 }));
        Assert.Throws<ArgumentException>(() => MlpTrainer.Train(BuiltinDatasets.Digits("train"), new MlpTrainingSettings { HiddenSizes = [0] }));
        Assert.Throws<ArgumentException>(() => MlpTrainer.Train(BuiltinDatasets.Digits("train"), new MlpTrainingSettings { LabelSmoothing = 1 }));
    }

    [Fact]
    public void Settings_with_equal_hidden_sizes_are_equal()
    {
        var one = new MlpTrainingSettings { HiddenSizes = [64, 32] };
        var two = new MlpTrainingSettings { HiddenSizes = new List<int> { 64, 32 } };
        Assert.Equal(one, two);
        Assert.Equal(one.GetHashCode(), two.GetHashCode());
        Assert.NotEqual(one, two with { HiddenSizes = [64] });
    }

    [Fact]
    public void SplitMix64_gives_the_published_sequence()
    {
        // Reference values of SplitMix64 from seed 0 (Vigna's splitmix64.c).
        var random = new SplitMix64(0);
        Assert.Equal(0xE220A8397B1DCDAFUL, random.NextUInt64());
        Assert.Equal(0x6E789E6AA1B965F4UL, random.NextUInt64());
        Assert.Equal(0x06C45D188009454FUL, random.NextUInt64());
    }
}
