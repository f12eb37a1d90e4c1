namespace DistSnn.Core.Snn;

/// <summary>How the prediction is read from the last layer.</summary>
public enum ReadoutKind
{
    /// <summary>Argmax of the output spike counts over all steps; ties go to the lowest index.</summary>
    SpikeCount,
    /// <summary>The last layer does not spike: argmax of its membrane potential after the last step (ties to the lowest index).</summary>
    Membrane,
}
