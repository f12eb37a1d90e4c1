using DistSnn.Core.Crossbar;
using DistSnn.Core.Engine;
using DistSnn.Core.Data;
using DistSnn.Core.Snn;
using DistSnn.Core.Training;
using Xunit.Abstractions;

namespace DistSnn.Core.Tests.Training;

public class ThresholdBalancingTests(ITestOutputHelper output)
{
    // 2-2-1 network: h = ReLU([[2, 0], [0, 1]] x + [1, 0]), z = [1, -3] h + 0.5, on four samples.
    //   h over the samples (1,0), (0,1), (0.5,0.5), (0,0): (3,0), (1,1), (2,0.5), (1,0)
    //   pooled, sorted: 0 0 0.5 1 1 1 2 3
    //   z: 3.5, -1.5, 1, 1.5; clamped at 0 and sorted: 0 1 1.5 3.5
    private static ReluMlp TinyNetwork() => new([
        new DenseLayer(2, 2, [2f, 0f, 0f, 1f], [1f, 0f]),
        new DenseLayer(1, 2, [1f, -3f], [0.5f]),
    ]);

    private static Dataset TinyData() =>
        new("tiny", 2, [1f, 0f, 0f, 1f, 0.5f, 0.5f, 0f, 0f], [0, 0, 0, 0], 1, [1, 2]);

    [Fact]
    public void Scales_are_the_percentiles_of_each_layers_activations()
    {
        Assert.Equal([3.0, 3.5], ThresholdBalancing.LayerScales(TinyNetwork(), TinyData(), 100));
        // 50th: halfway between the 4th and 5th of 8 values (1, 1), and between 1 and 1.5 of 4.
        Assert.Equal([1.0, 1.25], ThresholdBalancing.LayerScales(TinyNetwork(), TinyData(), 50));
        // 25th: position 1.75 of 0..7 gives 0 + 0.75 * 0.5; position 0.75 of 0..3 gives 0.75, which the
        // negative logit -1.5 would have pulled to 0.375 had it not been clamped at 0.
        Assert.Equal([0.375, 0.75], ThresholdBalancing.LayerScales(TinyNetwork(), TinyData(), 25));
    }

    [Fact]
    public void Weights_and_biases_get_the_closed_form_scales()
    {
        SnnModel model = ThresholdBalancing.Convert(TinyNetwork(), TinyData(), new ThresholdBalancingSettings { Percentile = 100 }, "hand-made", 1.0);

        // lambda = (3, 3.5): W0 / 3, b0 / 3, W1 * 3 / 3.5, b1 / 3.5.
        Assert.Equal([2f / 3f, 0f, 0f, 1f / 3f], model.Layers[0].Weights);
        Assert.Equal([1f / 3f, 0f], model.Layers[0].Bias!);
        Assert.Equal([(float)(3 / 3.5), (float)(-9 / 3.5)], model.Layers[1].Weights);
        Assert.Equal([(float)(0.5 / 3.5)], model.Layers[1].Bias!);
    }

    [Fact]
    public void Converted_model_is_rate_coded_if_with_spike_count_readout_and_says_how_it_was_made()
    {
        SnnModel model = ThresholdBalancing.Convert(TinyNetwork(), TinyData(), new ThresholdBalancingSettings { Timesteps = 16 }, "hand-made", 0.93456);

        Assert.Equal(new NeuronSettings(1.0, 1.0, ResetMode.Subtract), model.Neuron);
        Assert.Equal(EncoderKind.Rate, model.Encoder);
        Assert.Equal(ReadoutKind.SpikeCount, model.Readout);
        Assert.Equal(16, model.Timesteps);
        Assert.Equal("distsnn-model/1", model.Metadata["format"]);
        Assert.Equal("1,2", model.Metadata["input_shape"]);
        Assert.Equal("tiny", model.Metadata["dataset"]);
        Assert.Equal("0.9346", model.Metadata["ann_test_accuracy"]);
        string provenance = model.Metadata["provenance"];
        Assert.StartsWith("hand-made; ANN test accuracy 0.9346; ", provenance);
        Assert.Contains("99.9th percentile", provenance);
    }

    [Fact]
    public void Bad_scales_and_percentiles_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ThresholdBalancing.ScaleLayers(TinyNetwork(), [1.0, 0.0]));
        Assert.Throws<ArgumentException>(() => ThresholdBalancing.ScaleLayers(TinyNetwork(), [1.0]));
        Assert.Throws<ArgumentException>(() => ThresholdBalancing.LayerScales(TinyNetwork(), TinyData(), 0));
        Assert.Throws<ArgumentException>(() => ThresholdBalancing.LayerScales(TinyNetwork(), TinyData(), 101));
    }

    [Fact]
    public void A_layer_that_never_fires_gets_scale_one()
    {
        var silent = new ReluMlp([new DenseLayer(1, 2, [-1f, -1f], [0f])]);
        Assert.Equal([1.0], ThresholdBalancing.LayerScales(silent, TinyData(), 99.9));
    }

    [Fact]
    public void Converted_digits_snn_stays_within_three_points_of_the_ann()
    {
        ReluMlp ann = TrainedDigitsMlp.Network;
        double annAccuracy = ann.Accuracy(BuiltinDatasets.Digits("test"));
        SnnModel snn = ThresholdBalancing.Convert(ann, BuiltinDatasets.Digits("train"), new ThresholdBalancingSettings(), "digits MLP", annAccuracy);

        Assert.Equal(32, snn.Timesteps);
        double accuracy32 = new ReferenceEngine(snn, CrossbarSettings.Ideal, 1).RunTrial(0, BuiltinDatasets.Digits("test")).Accuracy;
        double accuracy16 = new ReferenceEngine(snn.With(timesteps: 16), CrossbarSettings.Ideal, 1).RunTrial(0, BuiltinDatasets.Digits("test")).Accuracy;
        output.WriteLine($"ANN {annAccuracy:F4}, SNN T=16 {accuracy16:F4}, T=32 {accuracy32:F4}; {snn.Metadata["provenance"]}");
        Assert.True(accuracy32 >= annAccuracy - 0.03, $"SNN {accuracy32:F4} vs ANN {annAccuracy:F4}");
    }

    [Fact]
    public void Recipe_trains_evaluates_and_converts()
    {
        var training = new MlpTrainingSettings { Epochs = 2 };
        SnnModel model = ConvertedMlp.Build(BuiltinDatasets.Digits("train"), BuiltinDatasets.Digits("test"), training);

        ReluMlp ann = MlpTrainer.Train(BuiltinDatasets.Digits("train"), training);
        Assert.Equal(ThresholdBalancing.ScaleLayers(ann, ThresholdBalancing.LayerScales(ann, BuiltinDatasets.Digits("train"), 99.9))[0].Weights, model.Layers[0].Weights);
        Assert.Equal(ann.Accuracy(BuiltinDatasets.Digits("test")).ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture), model.Metadata["ann_test_accuracy"]);
        Assert.Equal("digits", model.Metadata["dataset"]);
        Assert.Equal("8,8", model.Metadata["input_shape"]);
        Assert.Contains("ReLU MLP 64-64-10", model.Metadata["provenance"]);
        Assert.Contains("2 epochs", model.Metadata["provenance"]);
    }
}
