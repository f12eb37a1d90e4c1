namespace DistSnn.Core.Snn;

/// <summary>How the membrane is reset after a spike.</summary>
public enum ResetMode
{
    /// <summary><c>u -= threshold</c> (soft reset): keeps the excess charge, the usual choice for converted networks.</summary>
    Subtract,
    /// <summary><c>u = 0</c> (hard reset).</summary>
    Zero,
    /// <summary>No reset: the membrane keeps integrating.</summary>
    None,
}

/// <summary>
/// Neuron dynamics of a spiking layer, per time step:
/// <c>u[t] = beta*u[t-1] + (I[t] + bias + sigma*xi)</c>; spike when <c>u &gt;= threshold</c>, then reset.
/// </summary>
/// <param name="Beta">Membrane decay per step; 1 is integrate-and-fire (IF), below 1 leaky (LIF).</param>
/// <param name="Threshold">Firing threshold theta, in the units of the layer's input current (weight units).</param>
/// <param name="Reset">What a spike does to the membrane.</param>
/// <param name="Sigma">Membrane ("channel") noise: standard deviation of a Gaussian added to the input every step, absolute units.</param>
public sealed record NeuronSettings(double Beta = 1.0, double Threshold = 1.0, ResetMode Reset = ResetMode.Subtract, double Sigma = 0.0)
{
    public bool IsIntegrateAndFire => Beta == 1.0;

    /// <summary>The model's name as written in metadata: <c>if</c> or <c>lif</c>.</summary>
    public string KindName => IsIntegrateAndFire ? "if" : "lif";
}
