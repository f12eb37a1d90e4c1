namespace DistSnn.Core.Study;

/// <summary>What a key of the spec holds.</summary>
internal enum SpecKeyShape
{
    /// <summary>A mapping of further keys (<c>crossbar</c>, <c>crossbar.device</c>).</summary>
    Section,
    /// <summary>One scalar setting with a <see cref="SpecValueType"/>.</summary>
    Value,
    /// <summary><c>trials</c>: an integer, or a mapping <c>{ min, max, ci_halfwidth }</c>.</summary>
    Trials,
    /// <summary><c>sweep</c>: a list of <c>{ key, values }</c>.</summary>
    Sweep,
    /// <summary><c>crossbar.overrides</c>: a list of <c>{ layer, tiles, set }</c> (<see cref="TileOverridesBinder"/>).</summary>
    Overrides,
}
