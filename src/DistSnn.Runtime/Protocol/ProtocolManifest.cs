using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace DistSnn.Runtime.Protocol;

/// <summary>
/// The allow-list of message types that may cross a node, each with its short stable manifest. The serializer
/// resolves manifests only through this table (never <c>Type.GetType</c>), so a peer cannot name any other type.
/// To add a message: one row here (and a sample in the tests' <c>ProtocolSamples</c>). A payload must carry
/// exactly the members of its record, so adding a member to a record changes the wire format: raise
/// <see cref="RuntimeInfo.ProtocolVersion"/>.
/// </summary>
public static class ProtocolManifest
{
    /// <summary>Every allowed message type. Manifests are part of the wire format: never rename or reuse one.</summary>
    public static IReadOnlyList<ProtocolManifestEntry> Entries { get; } =
    [
        ProtocolManifestEntry.Of<SpikeSegment>("spk", ProtocolValidation.SpikeSegment),
        ProtocolManifestEntry.Of<AnalogSegment>("ana", ProtocolValidation.AnalogSegment),
        ProtocolManifestEntry.Of<PartialSums>("psum", ProtocolValidation.PartialSums),
        ProtocolManifestEntry.Of<OutputMembrane>("mem", ProtocolValidation.OutputMembrane),
        ProtocolManifestEntry.Of<BatchScored>("score", ProtocolValidation.BatchScored),
        ProtocolManifestEntry.Of<EncodeBatch>("enc", ProtocolValidation.EncodeBatch),
        ProtocolManifestEntry.Of<RoundIntegrated>("rnd", ProtocolValidation.RoundIntegrated),
        ProtocolManifestEntry.Of<CounterTotalsRequest>("ttreq", ProtocolValidation.CounterTotalsRequest),
        ProtocolManifestEntry.Of<CounterTotals>("tt", ProtocolValidation.CounterTotals),
        ProtocolManifestEntry.Of<RunTrial>("run", ProtocolValidation.RunTrial),
        ProtocolManifestEntry.Of<TrialCompleted>("done", ProtocolValidation.TrialCompleted),
        ProtocolManifestEntry.Of<PackageChunk>("pkc", ProtocolValidation.PackageChunk),
        ProtocolManifestEntry.Of<PackageRequest>("pkreq", ProtocolValidation.PackageRequest),
        ProtocolManifestEntry.Of<RegisterWorker>("reg", ProtocolValidation.RegisterWorker),
        ProtocolManifestEntry.Of<RegistrationRefused>("refused", ProtocolValidation.RegistrationRefused),
        ProtocolManifestEntry.Of<StudyOffer>("offer", ProtocolValidation.StudyOffer),
        ProtocolManifestEntry.Of<WorkRequest>("want", ProtocolValidation.WorkRequest),
        ProtocolManifestEntry.Of<HostTile>("host", ProtocolValidation.HostTile),
        ProtocolManifestEntry.Of<TileReady>("ready", ProtocolValidation.TileReady),
        ProtocolManifestEntry.Of<AttachGroup>("attach", ProtocolValidation.AttachGroup),
        ProtocolManifestEntry.Of<TrialFailed>("fail", ProtocolValidation.TrialFailed),
    ];

    private static readonly FrozenDictionary<string, ProtocolManifestEntry> ByManifest =
        Entries.ToFrozenDictionary(e => e.Manifest, StringComparer.Ordinal);

    private static readonly FrozenDictionary<Type, ProtocolManifestEntry> ByType =
        Entries.ToFrozenDictionary(e => e.Type);

    /// <summary>The row for manifest <paramref name="manifest"/>, if it is allowed.</summary>
    public static bool TryGet(string manifest, [NotNullWhen(true)] out ProtocolManifestEntry? entry) =>
        ByManifest.TryGetValue(manifest, out entry);

    /// <summary>The row for exactly <paramref name="type"/> (not a subtype), if it is allowed.</summary>
    public static bool TryGet(Type type, [NotNullWhen(true)] out ProtocolManifestEntry? entry) =>
        ByType.TryGetValue(type, out entry);
}
