namespace DistSnn.Core.Data;

/// <summary>
/// Which samples a study runs on.
/// </summary>
/// <param name="Source"><c>digits</c> or <c>breast-cancer</c> (built in), <c>fashion-mnist</c> or <c>mnist</c>
/// (IDX files in <see cref="Path"/>), <c>idx</c> (an IDX images file in Path, labels beside it), <c>csv</c>.</param>
/// <param name="Path">Directory or file, relative to the spec file; for fashion-mnist it defaults to
/// <c>/usr/share/datasets/fashion-mnist</c>.</param>
/// <param name="Split"><c>test</c> or <c>train</c>.</param>
/// <param name="Limit">Use at most this many samples (after <see cref="Offset"/>); null = all.</param>
/// <param name="Offset">Skip this many samples first.</param>
/// <param name="Normalize">How a csv source's features are brought into [0, 1]; null = min-max. Only for csv.</param>
public sealed record DataSpec(string Source = "digits", string? Path = null, string Split = "test", int? Limit = null, int Offset = 0,
    CsvNormalization? Normalize = null);
