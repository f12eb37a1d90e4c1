using System.Reflection;
using MessagePack;

namespace DistSnn.Runtime.Protocol;

/// <summary>
/// One row of <see cref="ProtocolManifest"/>: a message type, its short wire name and the consistency check a
/// deserialised instance must pass.
/// </summary>
public sealed class ProtocolManifestEntry
{
    private readonly Func<IProtocolMessage, string?> _findProblem;

    private ProtocolManifestEntry(string manifest, Type type, Func<IProtocolMessage, string?> findProblem)
    {
        Manifest = manifest;
        Type = type;
        _findProblem = findProblem;
        // The payload starts with the manifest as a MessagePack string, so a payload handed to the wrong
        // manifest is refused even where the two records happen to have compatible shapes.
        WireTag = MessagePackSerializer.Serialize(manifest);
        MemberCount = CountMembers(type);
    }

    /// <summary>The short stable name Akka sends next to the payload. Never rename one that has shipped.</summary>
    public string Manifest { get; }

    /// <summary>The message type this manifest stands for.</summary>
    public Type Type { get; }

    /// <summary>The manifest encoded as a MessagePack string: the first bytes of every payload of this type.</summary>
    internal byte[] WireTag { get; }

    /// <summary>
    /// How many members the record has on the wire (its highest <see cref="KeyAttribute"/> + 1). A payload must
    /// have exactly this many: MessagePack would quietly default missing ones and skip extra ones.
    /// </summary>
    public int MemberCount { get; }

    /// <summary>A row for <typeparamref name="T"/>; <paramref name="findProblem"/> returns null when a message is consistent.</summary>
    public static ProtocolManifestEntry Of<T>(string manifest, Func<T, string?>? findProblem = null)
        where T : IProtocolMessage =>
        new(manifest, typeof(T), message => findProblem?.Invoke((T)message));

    /// <summary>What is inconsistent about <paramref name="message"/> (for example an array length that does not match its counts), or null.</summary>
    public string? FindProblem(IProtocolMessage message) => _findProblem(message);

    private static int CountMembers(Type type)
    {
        var keys = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => p.GetCustomAttribute<KeyAttribute>())
            .OfType<KeyAttribute>()
            .ToList();
        if (keys.Count == 0 || keys.Any(k => k.IntKey is null))
        {
            throw new InvalidOperationException($"{type.Name} must mark its members with integer [Key(n)] attributes.");
        }

        return keys.Max(k => k.IntKey!.Value) + 1;
    }
}
