namespace DistSnn.Runtime.Tests.Protocol;

/// <summary>Raw bytes that <see cref="ForgingSerializer"/> puts on the wire as if they were a protocol message.</summary>
internal sealed record ForgedPayload(string Manifest, byte[] Bytes);
