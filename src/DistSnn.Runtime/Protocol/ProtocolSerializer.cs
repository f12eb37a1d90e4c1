using System.Buffers;
using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Serialization;
using MessagePack;
using MessagePack.Resolvers;

namespace DistSnn.Runtime.Protocol;

/// <summary>
/// The Akka serializer of every <see cref="IProtocolMessage"/>. A payload is the manifest as a MessagePack string
/// followed by the record as a MessagePack array of exactly its members. Only the types in <see cref="ProtocolManifest"/> are accepted.
/// Every failure to read a payload is a <see cref="SerializationException"/>: Akka.Remote then logs and drops that
/// one message and keeps the connection, where any other exception would tear the association down.
/// </summary>
public sealed class ProtocolSerializer : SerializerWithStringManifest
{
    /// <summary>The serializer's id on the wire; the same on every node. Akka reserves 0 to 100.</summary>
    public const int SerializerId = 4711;

    /// <summary>The largest payload read or written unless configured otherwise (64 MiB).</summary>
    public const int DefaultMaxPayloadBytes = 64 * 1024 * 1024;

    /// <summary>The setting, under <c>akka.actor.serialization-settings.distsnn</c>, that overrides <see cref="DefaultMaxPayloadBytes"/>.</summary>
    public const string MaxPayloadBytesSetting = "max-payload-bytes";

    // Untrusted-data mode caps nesting depth and hashes collision-resistantly; passed on every call so the
    // process-wide MessagePack defaults stay untouched.
    private static readonly MessagePackSerializerOptions Options = MessagePackSerializerOptions.Standard
        .WithResolver(StandardResolver.Instance)
        .WithSecurity(MessagePackSecurity.UntrustedData);

    /// <summary>Akka uses this constructor when no <c>serialization-settings.distsnn</c> block is configured.</summary>
    public ProtocolSerializer(ExtendedActorSystem system)
        : this(system, DefaultMaxPayloadBytes)
    {
    }

    /// <summary>Akka uses this constructor with the <c>akka.actor.serialization-settings.distsnn</c> block.</summary>
    public ProtocolSerializer(ExtendedActorSystem system, Config settings)
        : this(system, ReadMaxPayloadBytes(settings))
    {
    }

    /// <summary>A serializer that refuses payloads above <paramref name="maxPayloadBytes"/> bytes.</summary>
    public ProtocolSerializer(ExtendedActorSystem system, int maxPayloadBytes)
        : base(system)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPayloadBytes);
        MaxPayloadBytes = maxPayloadBytes;
    }

    /// <inheritdoc />
    public override int Identifier => SerializerId;

    /// <summary>Payloads above this size are refused before they are parsed (and not written).</summary>
    public int MaxPayloadBytes { get; }

    /// <inheritdoc />
    public override string Manifest(object o) => EntryFor(o).Manifest;

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        var entry = EntryFor(obj);
        // Catch a bad message where it is made, rather than as a dropped message on another node.
        if (entry.FindProblem((IProtocolMessage)obj) is { } problem)
        {
            throw new SerializationException($"Refusing to serialize an inconsistent {entry.Type.Name}: {problem}.");
        }

        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteRaw(entry.WireTag);
        MessagePackSerializer.Serialize(entry.Type, ref writer, obj, Options);
        writer.Flush();
        if (buffer.WrittenCount > MaxPayloadBytes)
        {
            throw new SerializationException(
                $"A {entry.Type.Name} serializes to {buffer.WrittenCount} bytes, above the limit of {MaxPayloadBytes}; send it in smaller pieces.");
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (bytes is null)
        {
            throw new SerializationException("No payload.");
        }

        if (bytes.Length > MaxPayloadBytes)
        {
            throw new SerializationException($"Payload of {bytes.Length} bytes is above the limit of {MaxPayloadBytes}.");
        }

        if (manifest is null || !ProtocolManifest.TryGet(manifest, out var entry))
        {
            throw new SerializationException($"Unknown message manifest {Quote(manifest)}.");
        }

        if (!bytes.AsSpan().StartsWith(entry.WireTag))
        {
            throw new SerializationException($"The payload is not a '{entry.Manifest}' message (its tag does not match).");
        }

        var message = Parse(entry, bytes.AsMemory(entry.WireTag.Length));
        if (entry.FindProblem(message) is { } problem)
        {
            throw new SerializationException($"Inconsistent '{entry.Manifest}' message: {problem}.");
        }

        return message;
    }

    private static IProtocolMessage Parse(ProtocolManifestEntry entry, ReadOnlyMemory<byte> body)
    {
        object? parsed;
        var reader = new MessagePackReader(body);
        try
        {
            var header = reader.CreatePeekReader();
            if (header.NextMessagePackType != MessagePackType.Array || header.ReadArrayHeader() != entry.MemberCount)
            {
                throw new SerializationException(
                    $"The '{entry.Manifest}' payload is not a record of {entry.MemberCount} members.");
            }

            parsed = MessagePackSerializer.Deserialize(entry.Type, ref reader, Options);
        }
        catch (Exception ex) when (ex is not SerializationException)
        {
            // MessagePack reports malformed input with several exception types; all of them mean the same here.
            throw new SerializationException($"Malformed '{entry.Manifest}' payload: {ex.GetBaseException().Message}", ex);
        }

        if (!reader.End)
        {
            throw new SerializationException($"The '{entry.Manifest}' payload has {body.Length - reader.Consumed} bytes after the message.");
        }

        // A nil body parses as null; the deserializer cannot return another type, but the check costs nothing.
        if (parsed is not IProtocolMessage message || parsed.GetType() != entry.Type)
        {
            throw new SerializationException($"The '{entry.Manifest}' payload holds no {entry.Type.Name}.");
        }

        return message;
    }

    private static ProtocolManifestEntry EntryFor(object? o)
    {
        if (o is null || !ProtocolManifest.TryGet(o.GetType(), out var entry))
        {
            throw new SerializationException(
                $"{o?.GetType().FullName ?? "null"} is not an allowed protocol message; add it to ProtocolManifest.");
        }

        return entry;
    }

    private static int ReadMaxPayloadBytes(Config settings)
    {
        var configured = settings.GetByteSize(MaxPayloadBytesSetting, DefaultMaxPayloadBytes) ?? DefaultMaxPayloadBytes;
        if (configured is <= 0 or > int.MaxValue)
        {
            throw new ConfigurationException($"{MaxPayloadBytesSetting} must be between 1 and {int.MaxValue} bytes, not {configured}.");
        }

        return (int)configured;
    }

    // Manifests come from the peer: keep what goes into a log short.
    private static string Quote(string? manifest) =>
        manifest is null ? "(none)" : manifest.Length <= 32 ? $"'{manifest}'" : $"'{manifest[..32]}...' ({manifest.Length} chars)";
}
