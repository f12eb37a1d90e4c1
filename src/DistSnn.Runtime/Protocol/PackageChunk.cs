using MessagePack;

namespace DistSnn.Runtime.Protocol;

/// <summary>
/// Piece <c>Index</c> of <c>Count</c> of the serialized study package whose SHA-256 is <c>Hash</c>. A package is
/// sent in pieces because Akka drops any message above its frame size (128,000 bytes by default) without telling
/// the sender.
/// </summary>
[MessagePackObject]
public sealed record PackageChunk(
    [property: Key(0)] string Hash,
    [property: Key(1)] int Index,
    [property: Key(2)] int Count,
    [property: Key(3)] byte[] Bytes) : IProtocolMessage
{
    /// <summary>The most bytes one chunk carries: with its envelope, well under the default frame size.</summary>
    public const int MaxBytes = 64 * 1024;
}
