using Akka.Configuration;

namespace DistSnn.Runtime.Protocol;

/// <summary>
/// The HOCON that routes every <see cref="IProtocolMessage"/> through <see cref="ProtocolSerializer"/>. Built in
/// C# because Akka's HOCON cannot read environment variables; combine it with the node's own settings via
/// <c>WithFallback</c>.
/// </summary>
public static class ProtocolConfig
{
    /// <summary>The name the serializer is registered under in <c>akka.actor.serializers</c>.</summary>
    public const string SerializerName = "distsnn";

    /// <summary>The serializer, its id and the binding of <see cref="IProtocolMessage"/> to it.</summary>
    public static Config Serialization => SerializationWith(ProtocolSerializer.DefaultMaxPayloadBytes);

    /// <summary>
    /// <see cref="Serialization"/> plus <c>serialize-messages = on</c>, so that every local message goes through
    /// its serializer, as if it crossed a node. For tests only. Deliberately not strict about unregistered types:
    /// together with <c>serialize-messages</c> that breaks Akka's own system messages in a local system.
    /// </summary>
    public static Config LocalTest =>
        ConfigurationFactory.ParseString("""
            akka.actor.serialize-messages = on
            akka.loglevel = WARNING
            """).WithFallback(Serialization);

    /// <summary><see cref="Serialization"/> with another limit on payload size.</summary>
    public static Config SerializationWith(int maxPayloadBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPayloadBytes);
        return ConfigurationFactory.ParseString(Hocon(maxPayloadBytes));
    }

    /// <summary>The HOCON text of <see cref="SerializationWith"/>.</summary>
    public static string Hocon(int maxPayloadBytes)
    {
        var serializer = ShortAssemblyQualifiedName(typeof(ProtocolSerializer));
        var marker = ShortAssemblyQualifiedName(typeof(IProtocolMessage));
        return $$"""
            akka.actor {
              serializers {
                {{SerializerName}} = "{{serializer}}"
              }
              serialization-bindings {
                "{{marker}}" = {{SerializerName}}
              }
              serialization-identifiers {
                "{{serializer}}" = {{ProtocolSerializer.SerializerId}}
              }
              serialization-settings.{{SerializerName}} {
                {{ProtocolSerializer.MaxPayloadBytesSetting}} = {{maxPayloadBytes}}
              }
            }
            """;
    }

    // "Namespace.Type, Assembly": without version and key, so nodes of different builds still agree.
    private static string ShortAssemblyQualifiedName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}
