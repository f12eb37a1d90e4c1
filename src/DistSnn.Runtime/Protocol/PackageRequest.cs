using MessagePack;

namespace DistSnn.Runtime.Protocol;

/// <summary>
/// Asks for the chunks of the study package <c>Hash</c> from <c>FromIndex</c> on, answered with
/// <see cref="PackageChunk"/>s; a worker that lost some chunks resumes from the first one it is missing.
/// </summary>
[MessagePackObject]
public sealed record PackageRequest([property: Key(0)] string Hash, [property: Key(1)] int FromIndex) : IProtocolMessage;
