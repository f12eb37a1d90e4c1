using DistSnn.Core.Crossbar;

namespace DistSnn.Core.Study;

/// <summary>One per-tile override of the spec (<c>crossbar.overrides</c>) as written: the tiles it selects and the
/// settings it gives them, each dotted key with its value as the canonical text prints it.</summary>
public sealed record TileOverride(TileSelector Selector, IReadOnlyList<KeyValuePair<string, string>> Set);
