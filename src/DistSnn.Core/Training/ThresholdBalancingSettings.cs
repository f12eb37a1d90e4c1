namespace DistSnn.Core.Training;

/// <summary>How <see cref="ThresholdBalancing"/> turns a ReLU network into an integrate-and-fire network.</summary>
public sealed record ThresholdBalancingSettings
{
    /// <summary>
    /// Percentile (0..100] of each layer's activations taken as its scale lambda. Default 99.9, as
    /// in Rueckauer et al. 2017: the maximum would let a few outliers set every threshold and starve the rest.
    /// </summary>
    public double Percentile { get; init; } = 99.9;

    /// <summary>Time steps of the converted model. Default 32, the reference model's value.</summary>
    public int Timesteps { get; init; } = 32;

    public void Validate()
    {
        if (!(Percentile > 0 && Percentile <= 100)) throw new ArgumentException("percentile must lie in (0, 100]");
        if (Timesteps < 1) throw new ArgumentException("timesteps must be at least 1");
    }
}
