using DistSnn.Core.Models;
using DistSnn.Core.Snn;
using DistSnn.Core.Study;

namespace DistSnn.Core.Tests.Study;

/// <summary>Where each run-time setting of the model comes from, and the refusal of a model that leaves one to a guess.</summary>
public class ModelSettingTests
{
    private static readonly SnnModel Digits = BuiltinModels.Load("digits-mlp", "test");

    private static StudySpec Read(string extra, params string[] sets) =>
        StudySpecReader.ReadText("model: builtin:digits-mlp\n" + extra, "test.yaml", null, sets);

    /// <summary>The built-in model with the given metadata keys removed, as a file without them would load.</summary>
    private static SnnModel DigitsWithout(params string[] keys)
    {
        SafetensorsContent full = ModelFile.ToSafetensors(Digits);
        var metadata = full.Metadata.Where(e => !keys.Contains(e.Key)).ToDictionary(e => e.Key, e => e.Value);
        return ModelFile.FromSafetensors(new SafetensorsContent(full.Tensors, metadata), "bare.safetensors");
    }

    [Fact]
    public void Each_setting_says_whether_the_model_the_spec_or_the_sweep_gives_it()
    {
        StudySpec spec = Read("timesteps: 16\nsweep: [{ key: neuron.threshold, values: [0.5, 2] }]\n", "neuron.beta=0.9");

        var settings = ModelSetting.Of(spec, Digits).ToDictionary(s => s.Key);

        Assert.Equal((ModelSettingSource.Spec, "0.9"), (settings["neuron.beta"].Source, settings["neuron.beta"].Values.Single()));
        Assert.Equal((ModelSettingSource.Spec, "16"), (settings["timesteps"].Source, settings["timesteps"].Values.Single()));
        Assert.Equal(ModelSettingSource.Sweep, settings["neuron.threshold"].Source);
        Assert.Equal(new[] { "0.5", "2" }, settings["neuron.threshold"].Values);
        Assert.Equal((ModelSettingSource.Model, "subtract"), (settings["neuron.reset"].Source, settings["neuron.reset"].Values.Single()));
        Assert.Equal("spike-count", settings["readout"].Values.Single());
        Assert.Equal("lif, beta=0.9 (spec), threshold=0.5|2 (swept), reset=subtract, sigma=0, encoder=rate, timesteps=16 (spec), readout=spike-count",
            ModelSetting.Describe(ModelSetting.Of(spec, Digits)));
    }

    [Fact]
    public void The_readout_key_overrides_the_models_readout()
    {
        StudySpec spec = Read("readout: membrane\n");

        Assert.Equal(ReadoutKind.Membrane, spec.Points[0].Settings.Apply(Digits).Readout);
        Assert.Equal(ReadoutKind.SpikeCount, Read("").Points[0].Settings.Apply(Digits).Readout);
        Assert.Contains("readout=membrane\n", spec.CanonicalText);
        Assert.DoesNotContain("readout", Read("").CanonicalText); // absent: the hash of every earlier spec is unchanged
    }

    [Fact]
    public void A_complete_model_passes_and_a_bare_one_needs_the_spec()
    {
        MissingModelSettings.Check(Read(""), Digits, "builtin:digits-mlp");

        SnnModel bare = DigitsWithout("beta", "neuron", "encoder");
        var e = Assert.Throws<InputException>(() => MissingModelSettings.Check(Read(""), bare, "bare.safetensors"));
        Assert.Equal("bare.safetensors", e.Origin);
        Assert.Equal("__metadata__", e.Field);
        Assert.Contains("names no beta, encoder", e.Message);
        Assert.Contains("set neuron.beta, encoder in the spec test.yaml", e.Message);

        MissingModelSettings.Check(Read("encoder: rate\nneuron: { beta: 1 }\n"), bare, "bare.safetensors");
        var partly = Assert.Throws<InputException>(() => MissingModelSettings.Check(Read("encoder: rate\n"), bare, "bare.safetensors"));
        Assert.DoesNotContain("encoder", partly.Expectation.Split(';')[0]);
    }
}
