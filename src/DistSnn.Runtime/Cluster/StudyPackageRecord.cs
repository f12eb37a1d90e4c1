using MessagePack;

namespace DistSnn.Runtime.Cluster;

/// <summary>
/// The wire layout of a <see cref="StudyPackage"/>. The protocol version comes first so that a package of another
/// version is named as such before anything else is read. Int keys; never renumber; new members go at the end and
/// raise <see cref="RuntimeInfo.ProtocolVersion"/>.
/// </summary>
[MessagePackObject]
public sealed record StudyPackageRecord(
    [property: Key(0)] int ProtocolVersion,
    [property: Key(1)] string SpecText,
    [property: Key(2)] string SpecOrigin,
    [property: Key(3)] string[] Sets,
    [property: Key(4)] byte[] ModelBytes,
    [property: Key(5)] string DataName,
    [property: Key(6)] int Features,
    [property: Key(7)] int[] Shape,
    [property: Key(8)] int Classes,
    [property: Key(9)] int FirstIndex,
    [property: Key(10)] float[] Values,
    [property: Key(11)] int[] Labels)
{
    /// <summary>How many members the layout has; a payload with more or fewer is refused.</summary>
    public const int MemberCount = 12;
}
