using DistSnn.Core.Models;
using DistSnn.Core.Snn;

namespace DistSnn.Core.Tests.Models;

public class SoftwareAccuracyTests
{
    [Fact]
    public void The_built_in_and_the_shared_model_record_their_ann_accuracy()
    {
        Assert.Equal(0.9531, SoftwareAccuracy.Of(BuiltinModels.Load("digits-mlp", "test")));
        Assert.Equal(0.8744, SoftwareAccuracy.Of(TestData.SharedModel));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("high")]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    [InlineData("NaN")]
    public void Without_a_number_in_0_to_1_there_is_none(string? recorded)
    {
        SnnModel model = BuiltinModels.Load("digits-mlp", "test");
        var metadata = model.Metadata.Where(kv => kv.Key != SoftwareAccuracy.MetadataKey).ToDictionary(kv => kv.Key, kv => kv.Value);
        if (recorded is not null) metadata[SoftwareAccuracy.MetadataKey] = recorded;

        Assert.Null(SoftwareAccuracy.Of(new SnnModel(model.Layers, model.Neuron, model.Encoder, model.Timesteps, model.Readout, metadata)));
    }
}
