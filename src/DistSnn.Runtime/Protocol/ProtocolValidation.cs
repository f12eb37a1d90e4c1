using DistSnn.Runtime.Cluster;

namespace DistSnn.Runtime.Protocol;

/// <summary>
/// Consistency checks of deserialised messages. MessagePack only checks types, so a truncated, forged or
/// mislabelled payload can still parse; these checks make sure that counts are non-negative, arrays are present
/// and array lengths agree with the counts the actors index by. Each returns null when the message is consistent.
/// </summary>
internal static class ProtocolValidation
{
    public static string? SpikeSegment(SpikeSegment m) =>
        Index("Batch", m.Batch) ?? Index("Round", m.Round) ?? Range(m.Start, m.Count) ?? Index("Samples", m.Samples)
        ?? Length("Bits", m.Bits?.Length, (long)m.Samples * ((m.Count + 63L) / 64));

    public static string? AnalogSegment(AnalogSegment m) =>
        Index("Batch", m.Batch) ?? Index("Round", m.Round) ?? Range(m.Start, m.Count) ?? Index("Samples", m.Samples)
        ?? Length("Values", m.Values?.Length, (long)m.Samples * m.Count);

    public static string? PartialSums(PartialSums m) =>
        Index("Batch", m.Batch) ?? Index("Round", m.Round) ?? Index("TileRow", m.TileRow)
        ?? Index("Samples", m.Samples) ?? Index("Cols", m.Cols)
        ?? Length("Values", m.Values?.Length, (long)m.Samples * m.Cols)
        ?? (m.Variances is { Length: 0 } ? null : Length("Variances", m.Variances?.Length, (long)m.Samples * m.Cols));

    public static string? OutputMembrane(OutputMembrane m) =>
        Index("Batch", m.Batch) ?? Range(m.Start, m.Count) ?? Index("Samples", m.Samples)
        ?? Length("Values", m.Values?.Length, (long)m.Samples * m.Count);

    public static string? BatchScored(BatchScored m) =>
        Index("Batch", m.Batch) ?? Part("Correct", m.Correct, "Samples", m.Samples);

    public static string? EncodeBatch(EncodeBatch m) =>
        Index("Batch", m.Batch) ?? Index("First", m.First) ?? Index("Samples", m.Samples);

    public static string? RoundIntegrated(RoundIntegrated m) => Index("Batch", m.Batch) ?? Index("Round", m.Round);

    public static string? CounterTotalsRequest(CounterTotalsRequest m) => Index("Trial", m.Trial);

    public static string? CounterTotals(CounterTotals m) => Counters("Counters", m.Counters);

    public static string? RunTrial(RunTrial m) => Index("Point", m.Point) ?? Index("Trial", m.Trial);

    public static string? TrialCompleted(TrialCompleted m) =>
        Index("Point", m.Point) ?? Index("Trial", m.Trial) ?? Part("Correct", m.Correct, "Total", m.Total)
        ?? Counters("Counters", m.Counters);

    public static string? TrialFailed(TrialFailed m) =>
        Index("Point", m.Point) ?? Index("Trial", m.Trial)
        ?? (m.Reason is null || m.Reason.Length > 4096 ? "Reason is missing or longer than 4096 characters" : null);

    public static string? PackageChunk(PackageChunk m) =>
        Hash(m.Hash) ?? Index("Index", m.Index)
        ?? (m.Count < 1 ? $"Count is below 1 ({m.Count})" : null)
        ?? (m.Index >= m.Count ? $"Index ({m.Index}) is not below Count ({m.Count})" : null)
        ?? (m.Bytes is null ? "Bytes is missing" : null)
        ?? (m.Bytes!.Length > Protocol.PackageChunk.MaxBytes ? $"Bytes has {m.Bytes.Length} bytes, above {Protocol.PackageChunk.MaxBytes}" : null);

    public static string? PackageRequest(PackageRequest m) => Hash(m.Hash) ?? Index("FromIndex", m.FromIndex);

    public static string? RegisterWorker(RegisterWorker m) =>
        m.Threads < 1 ? $"Threads must be at least 1 ({m.Threads})" : Index("ProtocolVersion", m.ProtocolVersion);

    public static string? RegistrationRefused(RegistrationRefused m) =>
        m.Reason is null || m.Reason.Length > 4096 ? "Reason is missing or longer than 4096 characters" : null;

    public static string? StudyOffer(StudyOffer m) =>
        Hash(m.Hash) ?? (m.Chunks < 1 ? $"Chunks must be at least 1 ({m.Chunks})" : null);

    public static string? WorkRequest(WorkRequest m) => m.Credits < 1 ? $"Credits must be at least 1 ({m.Credits})" : null;

    public static string? HostTile(HostTile m) =>
        Hash(m.Hash) ?? Index("Point", m.Point) ?? Index("Trial", m.Trial) ?? Index("Layer", m.Layer)
        ?? Index("TileRow", m.TileRow) ?? Index("TileCol", m.TileCol);

    public static string? TileReady(TileReady m) => Index("Layer", m.Layer) ?? Index("Tile", m.Tile);

    public static string? AttachGroup(AttachGroup m) => Index("Layer", m.Layer) ?? Index("Tile", m.Tile);

    private static string? Hash(string? hash) =>
        PackageHash.IsWellFormed(hash) ? null : "Hash is not 64 lowercase hexadecimal digits";

    private static string? Index(string name, long value) => value < 0 ? $"{name} is negative ({value})" : null;

    // Start + Count must stay addressable as an int index.
    private static string? Range(int start, int count) =>
        Index("Start", start) ?? Index("Count", count)
        ?? ((long)start + count > int.MaxValue ? $"Start + Count overflows ({start} + {count})" : null);

    // A count of a whole (correct of samples, clipped of conversions): 0 <= part <= whole.
    private static string? Part(string partName, long part, string wholeName, long whole) =>
        Index(wholeName, whole) ?? Index(partName, part)
        ?? (part > whole ? $"{partName} ({part}) exceeds {wholeName} ({whole})" : null);

    /// <summary>A counter bag: whole layers of counters, at most <see cref="MaxLayers"/>, none negative, and clipped
    /// conversions never more than conversions.</summary>
    private static string? Counters(string name, long[]? values)
    {
        if (values is null) return $"{name} is missing";
        int kinds = Core.Trial.ChipCounters.Kinds;
        if (values.Length % kinds != 0 || values.Length > MaxLayers * kinds)
            return $"{name} has {values.Length} elements, not a whole number of layers of {kinds} counters (at most {MaxLayers} layers)";
        for (int i = 0; i < values.Length; i++)
            if (values[i] < 0) return $"{name}[{i}] is negative ({values[i]})";
        for (int l = 0; l < values.Length / kinds; l++)
        {
            long clipped = values[l * kinds + (int)Core.Trial.ChipCounter.AdcClipped], conversions = values[l * kinds + (int)Core.Trial.ChipCounter.AdcConversions];
            if (clipped > conversions) return $"{name}: layer {l} clipped {clipped} conversions of {conversions}";
        }
        return null;
    }

    /// <summary>The most layers a counter bag may describe.</summary>
    public const int MaxLayers = 4096;

    // The deserialiser may hand back null for a non-nullable array, hence the nullable length.
    private static string? Length(string name, int? actual, long expected) =>
        actual is null ? $"{name} is missing"
        : actual != expected ? $"{name} has {actual} elements, the counts require {expected}"
        : null;
}
