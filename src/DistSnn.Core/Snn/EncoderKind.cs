namespace DistSnn.Core.Snn;

/// <summary>How a sample's normalised features (in [0, 1]) become the first layer's input each time step.</summary>
public enum EncoderKind
{
    /// <summary>Bernoulli spike per step with probability equal to the feature value.</summary>
    Rate,
    /// <summary>The analog feature value itself every step, driven onto the rows through the DAC.</summary>
    Direct,
}
