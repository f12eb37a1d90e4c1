using DistSnn.Core.Models;
using DistSnn.Core.Snn;
using DistSnn.Core.Tests.Data;

namespace DistSnn.Core.Tests.Models;

public class ModelReferenceTests
{
    [Fact]
    public void A_relative_path_resolves_against_the_base_directory()
    {
        using var dir = new TempDirectory();
        var model = new SnnModel(new[] { new DenseLayer(1, 2, new[] { 1f, 2f }, null) }, new NeuronSettings(), EncoderKind.Rate, 4, ReadoutKind.SpikeCount);
        Directory.CreateDirectory(dir.File("models"));
        ModelFile.Save(model, dir.File("models/m.safetensors"));

        SnnModel loaded = ModelReference.Resolve("models/m.safetensors", dir.Path, "study.yaml");

        Assert.Equal(4, loaded.Timesteps);
        Assert.Equal(dir.File("models/m.safetensors"), ModelReference.ResolvePath("models/m.safetensors", dir.Path, "study.yaml"));
    }

    [Fact]
    public void A_missing_file_names_the_spec_and_the_absolute_path()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<InputException>(() => ModelReference.Resolve("absent.safetensors", dir.Path, "study.yaml"));
        Assert.Equal("study.yaml", e.Origin);
        Assert.Equal("model", e.Field);
        Assert.Contains("file not found: " + dir.File("absent.safetensors"), e.Message);
    }

    [Fact]
    public void An_unknown_built_in_model_lists_the_known_ones()
    {
        var e = Assert.Throws<InputException>(() => ModelReference.Resolve("builtin:no-such-model", null, "study.yaml"));
        Assert.Equal("model", e.Field);
        Assert.Contains("unknown built-in model 'no-such-model'; built-in models: ", e.Message);
        Assert.Null(ModelReference.ResolvePath("builtin:no-such-model", null, "study.yaml"));
    }

    [Fact]
    public void Every_built_in_model_loads()
    {
        foreach (string name in BuiltinModels.Names)
        {
            SnnModel model = BuiltinModels.Load(name, "test");
            Assert.True(model.Layers.Count >= 1, name);
        }
    }
}
