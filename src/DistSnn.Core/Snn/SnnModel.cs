namespace DistSnn.Core.Snn;

/// <summary>
/// A trained feed-forward spiking network: dense layers, one neuron model for every layer, the encoder,
/// the number of time steps and the readout. Immutable once built.
/// </summary>
public sealed class SnnModel
{
    public SnnModel(
        IReadOnlyList<DenseLayer> layers,
        NeuronSettings neuron,
        EncoderKind encoder,
        int timesteps,
        ReadoutKind readout,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        if (layers.Count == 0) throw new ArgumentException("a model needs at least one layer");
        for (int i = 1; i < layers.Count; i++)
        {
            if (layers[i].Inputs != layers[i - 1].Outputs)
                throw new ArgumentException($"layer {i} takes {layers[i].Inputs} inputs but layer {i - 1} gives {layers[i - 1].Outputs}");
        }
        if (timesteps < 1) throw new ArgumentException("timesteps must be at least 1");
        Layers = layers;
        Neuron = neuron;
        Encoder = encoder;
        Timesteps = timesteps;
        Readout = readout;
        Metadata = metadata ?? new Dictionary<string, string>();
    }

    public IReadOnlyList<DenseLayer> Layers { get; }
    public NeuronSettings Neuron { get; }
    public EncoderKind Encoder { get; }
    public int Timesteps { get; }
    public ReadoutKind Readout { get; }

    /// <summary>All string metadata of the model file (format, provenance, input_shape, dataset, ...).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The run-time settings (metadata keys such as <c>beta</c>, <c>timesteps</c>) the model file did not
    /// name: the values above stand in for them only so the model can be built, and a study must supply each one
    /// (<c>Study.MissingModelSettings</c>) rather than run on a guess.</summary>
    public IReadOnlyList<string> MissingSettings { get; init; } = [];

    public int Inputs => Layers[0].Inputs;
    public int Classes => Layers[^1].Outputs;

    /// <summary>A copy with some settings replaced (a study may override the model's neuron, encoder or time steps).</summary>
    public SnnModel With(NeuronSettings? neuron = null, EncoderKind? encoder = null, int? timesteps = null, ReadoutKind? readout = null) =>
        new(Layers, neuron ?? Neuron, encoder ?? Encoder, timesteps ?? Timesteps, readout ?? Readout, Metadata) { MissingSettings = MissingSettings };
}
