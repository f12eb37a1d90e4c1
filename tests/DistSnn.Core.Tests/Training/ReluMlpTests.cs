using DistSnn.Core.Snn;
using DistSnn.Core.Training;

namespace DistSnn.Core.Tests.Training;

public class ReluMlpTests
{
    [Fact]
    public void Hidden_layers_apply_relu_and_the_last_gives_raw_logits()
    {
        var network = new ReluMlp([
            new DenseLayer(2, 2, [1f, -1f, -1f, 1f], [0f, 0f]),
            new DenseLayer(2, 2, [1f, 0f, -2f, 0f], [0f, 0f]),
        ]);
        double[][] activations = network.Activations([0.75f, 0.25f]);
        Assert.Equal([0.5, 0.0], activations[0]);
        Assert.Equal([0.5, -1.0], activations[1]);
        Assert.Equal(0, network.Predict([0.75f, 0.25f]));
    }

    [Fact]
    public void Ties_go_to_the_lowest_class()
    {
        var network = new ReluMlp([new DenseLayer(3, 1, [1f, 2f, 2f], null)]);
        Assert.Equal(1, network.Predict([1f]));
    }

    [Fact]
    public void Layers_must_chain()
    {
        Assert.Throws<ArgumentException>(() => new ReluMlp([new DenseLayer(2, 2, new float[4], null), new DenseLayer(1, 3, new float[3], null)]));
    }
}
