using Akka.Actor;
using Akka.Serialization;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime.Tests.Protocol;

/// <summary>
/// Stands in for <see cref="ProtocolSerializer"/> on a sending node (same id) and lets a test put malformed
/// payloads on the wire: a <see cref="ForgedPayload"/> goes out as its raw bytes under its manifest, everything
/// else as the real serializer writes it.
/// </summary>
internal sealed class ForgingSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    private readonly ProtocolSerializer _genuine = new(system);

    public override int Identifier => ProtocolSerializer.SerializerId;

    public override string Manifest(object o) => o is ForgedPayload forged ? forged.Manifest : _genuine.Manifest(o);

    public override byte[] ToBinary(object obj) => obj is ForgedPayload forged ? forged.Bytes : _genuine.ToBinary(obj);

    public override object FromBinary(byte[] bytes, string manifest) => _genuine.FromBinary(bytes, manifest);
}
