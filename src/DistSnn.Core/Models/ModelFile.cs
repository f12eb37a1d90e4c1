using System.Globalization;
using System.Text.RegularExpressions;
using DistSnn.Core.Snn;

namespace DistSnn.Core.Models;

/// <summary>
/// A model as a safetensors file (<c>distsnn-model/1</c>): tensors <c>layers.{i}.weight</c> <c>[out, in]</c> and optional
/// <c>layers.{i}.bias</c> <c>[out]</c> for i = 0, 1, 2, ...; neuron, encoder, time steps and readout in the string
/// metadata. Any other metadata (input_shape, dataset, provenance, ...) is kept in <see cref="SnnModel.Metadata"/>.
/// </summary>
public static partial class ModelFile
{
    public const string Format = "distsnn-model/1";

    /// <summary>The stand-in time steps of a model whose metadata names none (listed as missing: a study must supply <c>timesteps</c>).</summary>
    public const int DefaultTimesteps = 32;

    /// <summary>The metadata keys a model must name, or a study supply: without them a run would rest on a guess.</summary>
    public static readonly IReadOnlyList<string> RequiredSettingKeys = ["beta", "threshold", "reset", "encoder", "timesteps", "readout"];

    /// <summary>The metadata keys this class reads and <see cref="Save"/> writes (all but those in <see cref="SnnModel.MissingSettings"/>).</summary>
    public static readonly IReadOnlyList<string> SettingKeys =
        new[] { "format", "neuron", "beta", "threshold", "reset", "sigma", "encoder", "timesteps", "readout" };

    private const string Meta = SafetensorsFile.MetadataKey;

    public static SnnModel Load(string path) => FromSafetensors(SafetensorsFile.Read(path), path);

    public static void Save(SnnModel model, string path) => SafetensorsFile.Write(ToSafetensors(model), path);

    /// <summary>The safetensors content <see cref="Save"/> writes.</summary>
    public static SafetensorsContent ToSafetensors(SnnModel model)
    {
        var tensors = new Dictionary<string, SafetensorsTensor>(StringComparer.Ordinal);
        for (int i = 0; i < model.Layers.Count; i++)
        {
            DenseLayer layer = model.Layers[i];
            tensors[$"layers.{i}.weight"] = new SafetensorsTensor(new[] { layer.Outputs, layer.Inputs }, layer.Weights);
            if (layer.Bias is not null) tensors[$"layers.{i}.bias"] = new SafetensorsTensor(new[] { layer.Outputs }, layer.Bias);
        }
        var metadata = new Dictionary<string, string>(model.Metadata, StringComparer.Ordinal)
        {
            ["format"] = Format,
            ["neuron"] = model.Neuron.KindName,
            ["beta"] = Number(model.Neuron.Beta),
            ["threshold"] = Number(model.Neuron.Threshold),
            ["reset"] = ResetName(model.Neuron.Reset),
            ["sigma"] = Number(model.Neuron.Sigma),
            ["encoder"] = model.Encoder == EncoderKind.Rate ? "rate" : "direct",
            ["timesteps"] = model.Timesteps.ToString(CultureInfo.InvariantCulture),
            ["readout"] = model.Readout == ReadoutKind.SpikeCount ? "spike-count" : "membrane",
        };
        // A stand-in written down would read back as the model's own value: what the file lacked stays lacking.
        foreach (string key in model.MissingSettings) metadata.Remove(key);
        if (model.MissingSettings.Contains("beta"))
        {
            if (model.Metadata.TryGetValue("neuron", out string? kind)) metadata["neuron"] = kind;
            else metadata.Remove("neuron");
        }
        return new SafetensorsContent(tensors, metadata);
    }

    /// <param name="origin">The file (or <c>builtin:NAME</c>) named in error messages.</param>
    public static SnnModel FromSafetensors(SafetensorsContent content, string origin)
    {
        IReadOnlyList<DenseLayer> layers = ReadLayers(content.Tensors, origin);
        var metadata = new MetadataReader(content.Metadata, origin);

        string? format = metadata.Text("format");
        if (format is not null && format != Format)
            throw new InputException(origin, $"{Meta}.format", $"expected '{Format}', got '{format}'");

        // Without a neuron entry the kind follows from beta, which says it all (1 = IF, below 1 = LIF); 'if' alone
        // says beta = 1. Whatever else is absent gets a stand-in value and is listed in MissingSettings, for the
        // study to supply: running on a guessed threshold or T would give wrong results without a word.
        var missing = new List<string>();
        string? neuron = metadata.Choice("neuron", "if", "lif");
        double beta = metadata.Number("beta", neuron == "if" ? 1.0 : null, missing);
        if (beta is < 0 or > 1)
            throw new InputException(origin, $"{Meta}.beta", $"expected a decay from 0 to 1, got {metadata.Text("beta")}");
        if (neuron == "if" && beta != 1.0)
            throw new InputException(origin, $"{Meta}.beta", $"expected 1 for neuron 'if' (use neuron 'lif' for a leak), got {metadata.Text("beta")}");
        if (neuron == "lif" && beta == 1.0 && metadata.Text("beta") is not null)
            throw new InputException(origin, $"{Meta}.beta", "expected a decay below 1 for neuron 'lif'");
        double threshold = metadata.Number("threshold", null, missing);
        if (threshold <= 0) throw new InputException(origin, $"{Meta}.threshold", $"expected a number above 0, got {metadata.Text("threshold")}");
        ResetMode reset = metadata.Choice("reset", missing, "subtract", "zero", "none") switch
        {
            "zero" => ResetMode.Zero,
            "none" => ResetMode.None,
            _ => ResetMode.Subtract,
        };
        // Membrane noise is a condition of the study, not a property of the trained network: absent means none.
        double sigma = metadata.Number("sigma", 0.0, null);
        if (sigma < 0) throw new InputException(origin, $"{Meta}.sigma", $"expected a noise level of 0 or more, got {metadata.Text("sigma")}");
        EncoderKind encoder = metadata.Choice("encoder", missing, "rate", "direct") == "direct" ? EncoderKind.Direct : EncoderKind.Rate;
        int timesteps = metadata.Timesteps(missing);
        ReadoutKind readout = metadata.Choice("readout", missing, "spike-count", "membrane") == "membrane" ? ReadoutKind.Membrane : ReadoutKind.SpikeCount;
        CheckInputShape(metadata.Text("input_shape"), layers[0].Inputs, origin);

        return new SnnModel(layers, new NeuronSettings(beta, threshold, reset, sigma), encoder, timesteps, readout,
            new Dictionary<string, string>(content.Metadata, StringComparer.Ordinal))
        { MissingSettings = missing };
    }

    [GeneratedRegex(@"^layers\.(0|[1-9][0-9]{0,5})\.(weight|bias)$", RegexOptions.CultureInvariant)]
    private static partial Regex LayerTensorName();

    private static IReadOnlyList<DenseLayer> ReadLayers(IReadOnlyDictionary<string, SafetensorsTensor> tensors, string origin)
    {
        int last = -1;
        foreach (string name in tensors.Keys.Order(StringComparer.Ordinal))
        {
            Match match = LayerTensorName().Match(name);
            if (!match.Success)
            {
                throw new InputException(origin, name,
                    "unexpected tensor; a distsnn model holds only layers.{i}.weight [out, in] and layers.{i}.bias [out], i = 0, 1, 2, ...");
            }
            last = Math.Max(last, int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture));
        }
        if (!tensors.ContainsKey("layers.0.weight"))
            throw new InputException(origin, "layers.0.weight", "missing: a model needs at least the tensor layers.0.weight [out, in]");

        var layers = new List<DenseLayer>();
        for (int i = 0; i <= last; i++)
        {
            string weightName = $"layers.{i}.weight", biasName = $"layers.{i}.bias";
            if (!tensors.TryGetValue(weightName, out SafetensorsTensor? weight))
            {
                throw new InputException(origin, weightName,
                    $"missing: layers must be numbered 0, 1, 2, ... without a gap, and the file has layers up to {last}");
            }
            if (weight.Shape.Count != 2 || weight.Shape[0] < 1 || weight.Shape[1] < 1)
                throw new InputException(origin, weightName, $"expected a 2-D shape [outputs, inputs], both at least 1, got {weight.ShapeText}");
            int outputs = weight.Shape[0], inputs = weight.Shape[1];
            if (i > 0 && inputs != layers[i - 1].Outputs)
                throw new InputException(origin, weightName, $"expected {layers[i - 1].Outputs} inputs (the outputs of layers.{i - 1}), got {inputs}");
            CheckFinite(weight.Values, weightName, origin);

            tensors.TryGetValue(biasName, out SafetensorsTensor? bias);
            if (bias is not null)
            {
                if (bias.Shape.Count != 1 || bias.Shape[0] != outputs)
                    throw new InputException(origin, biasName, $"expected shape [{outputs}] (the outputs of {weightName}), got {bias.ShapeText}");
                CheckFinite(bias.Values, biasName, origin);
            }
            layers.Add(new DenseLayer(outputs, inputs, weight.Values, bias?.Values));
        }
        return layers;
    }

    private static void CheckFinite(float[] values, string name, string origin)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!float.IsFinite(values[i]))
                throw new InputException(origin, name, $"expected finite values, but the value at flat index {i} is {(float.IsNaN(values[i]) ? "NaN" : "infinite")}");
        }
    }

    /// <summary><c>input_shape</c> (e.g. <c>28,28</c>) is optional, but when given it must describe the first layer's inputs.</summary>
    private static void CheckInputShape(string? text, int inputs, string origin)
    {
        if (text is null) return;
        long product = 1;
        foreach (string part in text.Split(','))
        {
            if (!int.TryParse(part.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int d) || d < 1)
                throw new InputException(origin, $"{Meta}.input_shape", $"expected sizes like '28,28', got '{text}'");
            product = Math.Min(product * d, 1L << 32);
        }
        if (product != inputs)
            throw new InputException(origin, $"{Meta}.input_shape", $"'{text}' is {product} values but layers.0.weight takes {inputs} inputs");
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string ResetName(ResetMode reset) => reset switch
    {
        ResetMode.Subtract => "subtract",
        ResetMode.Zero => "zero",
        _ => "none",
    };

    /// <summary>Reads typed settings out of the string metadata, naming the entry on a bad value.</summary>
    private sealed class MetadataReader(IReadOnlyDictionary<string, string> metadata, string origin)
    {
        public const int MaxTimesteps = 1_000_000;

        public string? Text(string key) => metadata.TryGetValue(key, out string? value) ? value : null;

        public string? Choice(string key, params string[] allowed)
        {
            string? value = Text(key);
            if (value is not null && !allowed.Contains(value))
                throw new InputException(origin, $"{Meta}.{key}", $"expected one of {string.Join(", ", allowed)}, got '{value}'");
            return value;
        }

        /// <summary>The entry, or null after noting <paramref name="key"/> in <paramref name="missing"/>.</summary>
        public string? Choice(string key, List<string> missing, params string[] allowed)
        {
            string? value = Choice(key, allowed);
            if (value is null) missing.Add(key);
            return value;
        }

        /// <param name="fallback">The value when absent; null: a stand-in of 1, and the key is noted in <paramref name="missing"/>.</param>
        public double Number(string key, double? fallback, List<string>? missing)
        {
            string? text = Text(key);
            if (text is null)
            {
                if (fallback is double value) return value;
                missing?.Add(key);
                return 1.0;
            }
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) || !double.IsFinite(parsed))
                throw new InputException(origin, $"{Meta}.{key}", $"expected a finite number, got '{text}'");
            return parsed;
        }

        public int Timesteps(List<string> missing)
        {
            string? text = Text("timesteps");
            if (text is null)
            {
                missing.Add("timesteps");
                return DefaultTimesteps;
            }
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < 1 || value > MaxTimesteps)
                throw new InputException(origin, $"{Meta}.timesteps", $"expected a whole number from 1 to {MaxTimesteps}, got '{text}'");
            return value;
        }
    }
}
