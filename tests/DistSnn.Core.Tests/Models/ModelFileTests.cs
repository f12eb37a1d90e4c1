using System.Buffers.Binary;
using DistSnn.Core.Models;
using DistSnn.Core.Snn;
using DistSnn.Core.Tests.Data;

namespace DistSnn.Core.Tests.Models;

public class ModelFileTests
{
    private static SafetensorsTensor Tensor(int[] shape, float fill = 0.5f)
    {
        var values = new float[shape.Aggregate(1, (a, b) => a * b)];
        Array.Fill(values, fill);
        return new SafetensorsTensor(shape, values);
    }

    /// <summary>A 4-3-2 network with biases, and the given metadata.</summary>
    private static Dictionary<string, SafetensorsTensor> SmallTensors() => new()
    {
        ["layers.0.weight"] = Tensor(new[] { 3, 4 }),
        ["layers.0.bias"] = Tensor(new[] { 3 }, 0.1f),
        ["layers.1.weight"] = Tensor(new[] { 2, 3 }, -0.25f),
    };

    private static InputException LoadFails(Dictionary<string, SafetensorsTensor> tensors, Dictionary<string, string>? metadata = null)
    {
        using var dir = new TempDirectory();
        string path = dir.File("bad.safetensors");
        SafetensorsFile.Write(new SafetensorsContent(tensors, metadata), path);
        var e = Assert.Throws<InputException>(() => ModelFile.Load(path));
        Assert.Equal(path, e.Origin);
        return e;
    }

    [Fact]
    public void Loads_the_model_PyTorch_wrote()
    {
        SnnModel model = ModelFile.Load(TestData.SharedModelPath);

        Assert.Equal(2, model.Layers.Count);
        Assert.Equal((500, 784), (model.Layers[0].Outputs, model.Layers[0].Inputs));
        Assert.Equal((10, 500), (model.Layers[1].Outputs, model.Layers[1].Inputs));
        Assert.Equal(500, model.Layers[0].Bias!.Length);
        Assert.Equal(784, model.Inputs);
        Assert.Equal(10, model.Classes);
        Assert.Equal(new NeuronSettings(1.0, 1.0, ResetMode.Subtract, 0.0), model.Neuron);
        Assert.True(model.Neuron.IsIntegrateAndFire);
        Assert.Equal(EncoderKind.Rate, model.Encoder);
        Assert.Equal(32, model.Timesteps);
        Assert.Equal(ReadoutKind.SpikeCount, model.Readout);
        Assert.Equal("28,28", model.Metadata["input_shape"]);
        Assert.Equal("fashion-mnist", model.Metadata["dataset"]);
        Assert.Contains("threshold balancing", model.Metadata["provenance"]);
        Assert.All(model.Layers[0].Weights, w => Assert.True(float.IsFinite(w)));
        Assert.True(model.Layers[0].MaxAbsWeight() > 0);
    }

    [Fact]
    public void Save_then_load_round_trips_bit_exactly_and_save_is_byte_deterministic()
    {
        using var dir = new TempDirectory();
        SnnModel original = ModelFile.Load(TestData.SharedModelPath);
        string first = dir.File("first.safetensors"), second = dir.File("second.safetensors"), third = dir.File("third.safetensors");

        ModelFile.Save(original, first);
        ModelFile.Save(original, second);
        SnnModel back = ModelFile.Load(first);
        ModelFile.Save(back, third);

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(third));
        for (int i = 0; i < original.Layers.Count; i++)
        {
            Assert.Equal(Bits(original.Layers[i].Weights), Bits(back.Layers[i].Weights));
            Assert.Equal(Bits(original.Layers[i].Bias!), Bits(back.Layers[i].Bias!));
        }
        Assert.Equal(original.Neuron, back.Neuron);
        Assert.Equal((original.Encoder, original.Timesteps, original.Readout), (back.Encoder, back.Timesteps, back.Readout));
        foreach (var (key, value) in original.Metadata.Where(e => !ModelFile.SettingKeys.Contains(e.Key)))
            Assert.Equal(value, back.Metadata[key]);
        Assert.Equal("0", back.Metadata["sigma"]);
        Assert.False(File.Exists(first + ".tmp"));

        static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
    }

    [Fact]
    public void Settings_round_trip_through_metadata()
    {
        using var dir = new TempDirectory();
        var layers = new[] { new DenseLayer(2, 3, new[] { 0.1f, -0.2f, 0.3f, float.Epsilon, 5f, -6f }, null) };
        var model = new SnnModel(layers, new NeuronSettings(0.9, 0.7, ResetMode.Zero, 0.05), EncoderKind.Direct, 7, ReadoutKind.Membrane,
            new Dictionary<string, string> { ["dataset"] = "digits", ["format"] = "stale" });
        string path = dir.File("m.safetensors");

        ModelFile.Save(model, path);
        SnnModel back = ModelFile.Load(path);

        Assert.Equal(model.Neuron, back.Neuron);
        Assert.Equal("lif", back.Metadata["neuron"]);
        Assert.Equal("distsnn-model/1", back.Metadata["format"]);
        Assert.Equal("digits", back.Metadata["dataset"]);
        Assert.Equal(EncoderKind.Direct, back.Encoder);
        Assert.Equal(7, back.Timesteps);
        Assert.Equal(ReadoutKind.Membrane, back.Readout);
        Assert.Null(back.Layers[0].Bias);
        Assert.Equal(layers[0].Weights, back.Layers[0].Weights);
    }

    [Fact]
    public void Missing_metadata_is_listed_as_missing_not_silently_defaulted()
    {
        SnnModel model = ModelFile.FromSafetensors(new SafetensorsContent(SmallTensors()), "x");

        // Stand-ins so the model can be built; the list is what a study must supply (sigma, noise, is none by default).
        Assert.Equal(new[] { "beta", "threshold", "reset", "encoder", "timesteps", "readout" }, model.MissingSettings);
        Assert.Equal(ModelFile.RequiredSettingKeys, model.MissingSettings);
        Assert.Equal(0.0, model.Neuron.Sigma);
        Assert.Equal(new[] { 0.1f, 0.1f, 0.1f }, model.Layers[0].Bias);
        Assert.Null(model.Layers[1].Bias);
        Assert.Equal(model.MissingSettings, model.With(timesteps: 4).MissingSettings);
        // Saved and read back (as a study package does), the stand-ins are not mistaken for the model's own values.
        SafetensorsContent saved = ModelFile.ToSafetensors(model);
        Assert.DoesNotContain("timesteps", saved.Metadata.Keys);
        Assert.DoesNotContain("neuron", saved.Metadata.Keys);
        Assert.Equal(model.MissingSettings, ModelFile.FromSafetensors(saved, "x").MissingSettings);
    }

    [Fact]
    public void A_model_with_every_setting_misses_none_and_neuron_if_says_beta_is_one()
    {
        Assert.Empty(ModelFile.Load(TestData.SharedModelPath).MissingSettings);
        var metadata = new Dictionary<string, string>
        {
            ["neuron"] = "if",
            ["threshold"] = "1",
            ["reset"] = "zero",
            ["encoder"] = "rate",
            ["timesteps"] = "8",
            ["readout"] = "membrane",
        };
        SnnModel model = ModelFile.FromSafetensors(new SafetensorsContent(SmallTensors(), metadata), "x");
        Assert.Empty(model.MissingSettings);
        Assert.Equal(1.0, model.Neuron.Beta);

        metadata["neuron"] = "lif";
        Assert.Equal(new[] { "beta" }, ModelFile.FromSafetensors(new SafetensorsContent(SmallTensors(), metadata), "x").MissingSettings);
    }

    [Fact]
    public void A_beta_below_one_without_a_neuron_entry_is_lif()
    {
        var content = new SafetensorsContent(SmallTensors(), new Dictionary<string, string> { ["beta"] = "0.95" });
        Assert.Equal(0.95, ModelFile.FromSafetensors(content, "x").Neuron.Beta);
    }

    [Fact]
    public void A_file_cut_in_the_middle_of_the_buffer_names_the_tensor()
    {
        using var dir = new TempDirectory();
        byte[] bytes = File.ReadAllBytes(TestData.SharedModelPath);
        string path = dir.Write("cut.safetensors", bytes.AsSpan(0, bytes.Length / 2).ToArray());

        var e = Assert.Throws<InputException>(() => ModelFile.Load(path));
        Assert.Equal(path, e.Origin);
        Assert.StartsWith("layers.", e.Field);
        Assert.Contains("outside", e.Message);
    }

    [Fact]
    public void A_header_claiming_more_than_the_file_is_bad_input()
    {
        using var dir = new TempDirectory();
        byte[] bytes = File.ReadAllBytes(TestData.SharedModelPath);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)bytes.Length);
        string path = dir.Write("long.safetensors", bytes);

        var e = Assert.Throws<InputException>(() => ModelFile.Load(path));
        Assert.Equal(path, e.Origin);
        Assert.Equal("header", e.Field);
        Assert.Contains($"header claims {bytes.Length} bytes but the file has {bytes.Length}", e.Message);
    }

    [Fact]
    public void Shapes_that_do_not_chain_are_bad_input()
    {
        var tensors = new Dictionary<string, SafetensorsTensor>
        {
            ["layers.0.weight"] = Tensor(new[] { 500, 4 }),
            ["layers.1.weight"] = Tensor(new[] { 10, 499 }),
        };
        var e = LoadFails(tensors);
        Assert.Equal("layers.1.weight", e.Field);
        Assert.Contains("expected 500 inputs (the outputs of layers.0), got 499", e.Message);
    }

    [Theory]
    [InlineData("layers.0.weight", 7, float.NaN, "flat index 7 is NaN")]
    [InlineData("layers.1.weight", 0, float.PositiveInfinity, "flat index 0 is infinite")]
    [InlineData("layers.0.bias", 2, float.NegativeInfinity, "flat index 2 is infinite")]
    public void Non_finite_values_name_the_tensor_and_index(string name, int index, float value, string expected)
    {
        var tensors = SmallTensors();
        tensors[name].Values[index] = value;
        var e = LoadFails(tensors);
        Assert.Equal(name, e.Field);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Layer_tensors_must_be_complete_and_well_shaped()
    {
        var noFirst = SmallTensors();
        noFirst.Remove("layers.0.weight");
        noFirst.Remove("layers.0.bias");
        Assert.Equal("layers.0.weight", LoadFails(noFirst).Field);

        var gap = SmallTensors();
        gap["layers.3.weight"] = Tensor(new[] { 2, 2 });
        Assert.Equal("layers.2.weight", LoadFails(gap).Field);

        var orphanBias = SmallTensors();
        orphanBias["layers.2.bias"] = Tensor(new[] { 2 });
        Assert.Equal("layers.2.weight", LoadFails(orphanBias).Field);

        var flat = SmallTensors();
        flat["layers.1.weight"] = Tensor(new[] { 6 });
        Assert.Contains("2-D", LoadFails(flat).Message);

        var bias = SmallTensors();
        bias["layers.0.bias"] = Tensor(new[] { 4 });
        var e = LoadFails(bias);
        Assert.Equal("layers.0.bias", e.Field);
        Assert.Contains("expected shape [3]", e.Message);

        var unknown = SmallTensors();
        unknown["fc1.weight"] = Tensor(new[] { 3, 4 });
        Assert.Equal("fc1.weight", LoadFails(unknown).Field);
    }

    [Theory]
    [InlineData("format", "distsnn-model/2")]
    [InlineData("neuron", "izhikevich")]
    [InlineData("beta", "0.9")] // with neuron if
    [InlineData("beta", "1.5")]
    [InlineData("beta", "abc")]
    [InlineData("threshold", "0")]
    [InlineData("threshold", "NaN")]
    [InlineData("reset", "soft")]
    [InlineData("sigma", "-0.1")]
    [InlineData("encoder", "latency")]
    [InlineData("timesteps", "0")]
    [InlineData("timesteps", "3.5")]
    [InlineData("readout", "max")]
    [InlineData("input_shape", "28,27")]
    [InlineData("input_shape", "a,b")]
    public void Bad_metadata_values_name_the_entry(string key, string value)
    {
        var metadata = new Dictionary<string, string> { ["neuron"] = "if", [key] = value };
        var e = LoadFails(SmallTensors(), metadata);
        Assert.Equal($"__metadata__.{key}", e.Field);
    }

    [Fact]
    public void Lif_needs_a_beta_below_one()
    {
        var e = LoadFails(SmallTensors(), new Dictionary<string, string> { ["neuron"] = "lif", ["beta"] = "1" });
        Assert.Equal("__metadata__.beta", e.Field);
    }
}
