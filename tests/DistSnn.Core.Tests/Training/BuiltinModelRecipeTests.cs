using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Engine;
using DistSnn.Core.Models;
using DistSnn.Core.Snn;
using DistSnn.Core.Training;

namespace DistSnn.Core.Tests.Training;

public class BuiltinModelRecipeTests
{
    [Fact]
    public void The_recipe_reproduces_the_embedded_built_in_model_byte_for_byte()
    {
        using Stream resource = typeof(BuiltinModels).Assembly.GetManifestResourceStream("DistSnn.Models.digits-mlp.safetensors")!;
        using var embedded = new MemoryStream();
        resource.CopyTo(embedded);

        SnnModel retrained = BuiltinModelRecipes.Train(BuiltinModelRecipes.DigitsMlp);
        Assert.Equal(embedded.ToArray(), SafetensorsFile.Serialize(ModelFile.ToSafetensors(retrained)));
    }

    [Fact]
    public void The_built_in_model_classifies_the_digits_test_split()
    {
        SnnModel model = BuiltinModels.Load("digits-mlp", "test");
        Assert.Equal([64, 64, 10], new[] { model.Inputs }.Concat(model.Layers.Select(l => l.Outputs)));
        TrialResult ideal = new ReferenceEngine(model, CrossbarSettings.Ideal, 1).RunTrial(0, BuiltinDatasets.Digits("test"));
        Assert.InRange(ideal.Accuracy, 0.93, 1.0);
    }

    [Fact]
    public void An_unknown_recipe_is_bad_input()
    {
        var e = Assert.Throws<InputException>(() => BuiltinModelRecipes.Train("nope"));
        Assert.Contains("digits-mlp", e.Message);
    }
}
