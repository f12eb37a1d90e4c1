using MessagePack;

namespace DistSnn.Runtime.Protocol;

/// <summary>
/// Asks for the chunks of the study package <c>Hash</c> from <c>FromIndex</c> on, answered with at most
/// <see cref="Cluster.StudyPackageChunks.Window"/> <see cref="PackageChunk"/>s; the worker asks again from the first
/// chunk it is missing (flow control, and a resume after lost chunks).
/// </summary>
[MessagePackObject]
public sealed record PackageRequest([property: Key(0)] string Hash, [property: Key(1)] int FromIndex) : IProtocolMessage;
