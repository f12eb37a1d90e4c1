using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Configuration;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime.Tests.Protocol;

public class ProtocolSerializerTests() : Akka.TestKit.Xunit2.TestKit(ProtocolConfig.LocalTest)
{
    private ProtocolSerializer Serializer => new((ExtendedActorSystem)Sys);

    [Theory]
    [MemberData(nameof(ProtocolSamples.Manifests), MemberType = typeof(ProtocolSamples))]
    public void Every_type_round_trips_through_the_serializer(string manifest)
    {
        var sample = ProtocolSamples.For(manifest);
        var serializer = Serializer;

        Assert.Equal(manifest, serializer.Manifest(sample));
        var copy = serializer.FromBinary(serializer.ToBinary(sample), manifest);

        ProtocolAssert.SameContent(sample, copy);
    }

    [Theory]
    [MemberData(nameof(ProtocolSamples.Manifests), MemberType = typeof(ProtocolSamples))]
    public void Every_type_round_trips_through_the_actor_systems_serialization(string manifest)
    {
        var sample = ProtocolSamples.For(manifest);
        var serialization = Sys.Serialization;

        var serializer = serialization.FindSerializerFor(sample);
        Assert.IsType<ProtocolSerializer>(serializer);
        Assert.Equal(ProtocolSerializer.SerializerId, serializer.Identifier);

        var bytes = serializer.ToBinary(sample);
        var copy = serialization.Deserialize(bytes, serializer.Identifier, manifest);

        ProtocolAssert.SameContent(sample, copy);
    }

    [Fact]
    public void An_echo_actor_receives_equal_copies_of_every_type()
    {
        var echo = Sys.ActorOf(Props.Create(() => new EchoActor()), "echo");
        foreach (var sample in ProtocolManifest.Entries.Select(e => ProtocolSamples.For(e.Type)))
        {
            echo.Tell(sample, TestActor);
            // With serialize-messages = on each hop delivers a deserialised copy, never the sent instance.
            ProtocolAssert.SameContent(sample, ExpectMsg<IProtocolMessage>(TimeSpan.FromSeconds(5)));
        }
    }

    [Fact]
    public void An_unlisted_protocol_message_is_refused_when_serialized()
    {
        var unlisted = new UnlistedMessage(1);
        Assert.IsType<ProtocolSerializer>(Sys.Serialization.FindSerializerFor(unlisted));

        var error = Assert.Throws<SerializationException>(() => Serializer.ToBinary(unlisted));
        Assert.Contains(nameof(UnlistedMessage), error.Message);
        Assert.Throws<SerializationException>(() => Serializer.Manifest(unlisted));
        Assert.Throws<SerializationException>(() => Serializer.ToBinary("not a message"));
    }

    [Fact]
    public void An_inconsistent_message_is_refused_when_serialized()
    {
        var error = Assert.Throws<SerializationException>(
            () => Serializer.ToBinary(new PartialSums(0, 0, 0, 3, 4, new float[5], [])));
        Assert.Contains("Values", error.Message);
    }

    [Fact]
    public void A_message_above_the_limit_is_refused_when_serialized()
    {
        var serializer = new ProtocolSerializer((ExtendedActorSystem)Sys, maxPayloadBytes: 100);
        Assert.NotNull(serializer.ToBinary(new RunTrial(1, 2)));
        Assert.Throws<SerializationException>(() => serializer.ToBinary(new PartialSums(0, 0, 0, 1, 20, new float[20], [])));
    }

    [Fact]
    public async Task The_configured_payload_limit_reaches_the_serializer()
    {
        var system = ActorSystem.Create("limits", ProtocolConfig.SerializationWith(1000));
        try
        {
            var serializer = Assert.IsType<ProtocolSerializer>(system.Serialization.FindSerializerFor(new RunTrial(0, 0)));
            Assert.Equal(1000, serializer.MaxPayloadBytes);
        }
        finally
        {
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        }

        var defaults = (ProtocolSerializer)Sys.Serialization.FindSerializerFor(new RunTrial(0, 0));
        Assert.Equal(ProtocolSerializer.DefaultMaxPayloadBytes, defaults.MaxPayloadBytes);

        var sizeInUnits = new ProtocolSerializer((ExtendedActorSystem)Sys,
            ConfigurationFactory.ParseString("max-payload-bytes = 2 MiB"));
        Assert.Equal(2 * 1024 * 1024, sizeInUnits.MaxPayloadBytes);
    }

    [Fact]
    public void The_hocon_names_the_serializer_and_the_marker_interface()
    {
        var config = ProtocolConfig.Serialization;

        var serializerName = config.GetString($"akka.actor.serializers.{ProtocolConfig.SerializerName}");
        Assert.Equal(typeof(ProtocolSerializer), Type.GetType(serializerName));
        Assert.Equal(ProtocolConfig.SerializerName,
            config.GetConfig("akka.actor.serialization-bindings").AsEnumerable()
                .Single(kv => Type.GetType(kv.Key) == typeof(IProtocolMessage)).Value.GetString());
        Assert.Equal(ProtocolSerializer.SerializerId,
            config.GetConfig("akka.actor.serialization-identifiers").AsEnumerable()
                .Single(kv => Type.GetType(kv.Key) == typeof(ProtocolSerializer)).Value.GetInt());

        Assert.True(ProtocolConfig.LocalTest.GetBoolean("akka.actor.serialize-messages"));
        Assert.False(config.GetBoolean("akka.actor.serialize-messages"));
    }

    private sealed record UnlistedMessage(int Value) : IProtocolMessage;
}
