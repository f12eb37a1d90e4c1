namespace DistSnn.Core.Snn;

/// <summary>
/// Leaky integrate-and-fire dynamics of a population, one time step (IF when beta = 1):
/// <c>u = beta*u + I</c>, spike when <c>u &gt;= threshold</c>, then reset. The current <c>I</c> already holds
/// the synaptic input, the bias and any membrane noise.
/// </summary>
public static class LifNeuron
{
    /// <summary>Integrates and fires; writes 1 or 0 per neuron into <paramref name="spikes"/>.</summary>
    public static void Step(NeuronSettings neuron, Span<double> membrane, ReadOnlySpan<double> current, Span<float> spikes)
    {
        double beta = neuron.Beta, threshold = neuron.Threshold;
        for (int i = 0; i < membrane.Length; i++)
        {
            double u = beta * membrane[i] + current[i];
            bool fires = u >= threshold;
            if (fires)
            {
                u = neuron.Reset switch
                {
                    ResetMode.Subtract => u - threshold,
                    ResetMode.Zero => 0.0,
                    _ => u,
                };
            }
            membrane[i] = u;
            spikes[i] = fires ? 1f : 0f;
        }
    }

    /// <summary>A non-spiking (readout) population: integrates only.</summary>
    public static void Integrate(NeuronSettings neuron, Span<double> membrane, ReadOnlySpan<double> current)
    {
        for (int i = 0; i < membrane.Length; i++) membrane[i] = neuron.Beta * membrane[i] + current[i];
    }
}
