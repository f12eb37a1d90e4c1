using System.Runtime.CompilerServices;

namespace DistSnn.Core.Snn;

/// <summary>
/// Leaky integrate-and-fire dynamics of one neuron, one time step (IF when beta = 1):
/// <c>u = beta*u + I</c>, spike when <c>u &gt;= threshold</c>, then reset. The input <c>I</c> already holds the
/// synaptic current, the bias and any membrane noise.
/// </summary>
public static class LifNeuron
{
    /// <summary>Integrates and fires one neuron; returns whether it spiked.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Step(NeuronSettings neuron, ref double membrane, double input)
    {
        double u = neuron.Beta * membrane + input;
        bool fires = u >= neuron.Threshold;
        if (fires)
        {
            u = neuron.Reset switch
            {
                ResetMode.Subtract => u - neuron.Threshold,
                ResetMode.Zero => 0.0,
                _ => u,
            };
        }
        membrane = u;
        return fires;
    }

    /// <summary>A population: writes 1 or 0 per neuron into <paramref name="spikes"/>.</summary>
    public static void Step(NeuronSettings neuron, Span<double> membrane, ReadOnlySpan<double> current, Span<float> spikes)
    {
        for (int i = 0; i < membrane.Length; i++) spikes[i] = Step(neuron, ref membrane[i], current[i]) ? 1f : 0f;
    }

    /// <summary>A non-spiking (readout) neuron: integrates only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Integrate(NeuronSettings neuron, ref double membrane, double input) => membrane = neuron.Beta * membrane + input;
}
