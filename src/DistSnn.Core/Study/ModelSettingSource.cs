namespace DistSnn.Core.Study;

/// <summary>Where a run-time setting of the model (<see cref="ModelSetting"/>) comes from.</summary>
public enum ModelSettingSource
{
    /// <summary>The model file's metadata.</summary>
    Model,

    /// <summary>The spec (or a <c>--set</c>), the same value at every point.</summary>
    Spec,

    /// <summary>A sweep axis: the value differs between points.</summary>
    Sweep,
}
