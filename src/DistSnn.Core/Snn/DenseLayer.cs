namespace DistSnn.Core.Snn;

/// <summary>A fully connected layer: <c>Weights[o, i]</c> (PyTorch layout, row-major <c>[Outputs, Inputs]</c>) and an optional digital bias.</summary>
public sealed class DenseLayer
{
    public DenseLayer(int outputs, int inputs, float[] weights, float[]? bias)
    {
        if (weights.Length != outputs * inputs)
            throw new ArgumentException($"weights hold {weights.Length} values, expected {outputs}x{inputs}");
        if (bias is not null && bias.Length != outputs)
            throw new ArgumentException($"bias holds {bias.Length} values, expected {outputs}");
        Outputs = outputs;
        Inputs = inputs;
        Weights = weights;
        Bias = bias;
    }

    public int Outputs { get; }
    public int Inputs { get; }

    /// <summary>Row-major <c>[Outputs, Inputs]</c>.</summary>
    public float[] Weights { get; }

    /// <summary>Added at the neuron every time step; null when the layer has none.</summary>
    public float[]? Bias { get; }

    public float Weight(int output, int input) => Weights[output * Inputs + input];

    public float MaxAbsWeight()
    {
        float max = 0f;
        foreach (float w in Weights) max = Math.Max(max, Math.Abs(w));
        return max;
    }
}
