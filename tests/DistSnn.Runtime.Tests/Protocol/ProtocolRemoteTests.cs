using System.Runtime.Serialization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.Remote;
using DistSnn.Runtime.Protocol;
using MessagePack;

namespace DistSnn.Runtime.Tests.Protocol;

/// <summary>
/// Two ActorSystems in one process over Akka.Remote on loopback. The test's own system (the sender) forges
/// malformed payloads; the receiver runs the real <see cref="ProtocolSerializer"/> and must drop them one by one
/// without losing the association.
/// </summary>
public class ProtocolRemoteTests() : Akka.TestKit.Xunit2.TestKit(SenderConfig)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    // Strict about unregistered types, as on cluster nodes: nothing may fall back to JSON.
    private const string RemoteHocon = """
        akka.actor.provider = remote
        akka.remote.dot-netty.tcp.hostname = 127.0.0.1
        akka.remote.dot-netty.tcp.port = 0
        akka.actor.serialization-settings.allow-unregistered-types = false
        akka.loglevel = WARNING
        """;

    private static Config SenderConfig => ConfigurationFactory.ParseString($$"""
        {{RemoteHocon}}
        akka.actor.serializers.forging = "{{typeof(ForgingSerializer).FullName}}, {{typeof(ForgingSerializer).Assembly.GetName().Name}}"
        akka.actor.serialization-bindings {
          "{{typeof(IProtocolMessage).FullName}}, {{typeof(IProtocolMessage).Assembly.GetName().Name}}" = forging
          "{{typeof(ForgedPayload).FullName}}, {{typeof(ForgedPayload).Assembly.GetName().Name}}" = forging
        }
        """);

    private static Config ReceiverConfig => ConfigurationFactory.ParseString(RemoteHocon).WithFallback(ProtocolConfig.Serialization);

    [Fact]
    public async Task Every_type_crosses_the_network_and_malformed_payloads_are_dropped_without_losing_the_association()
    {
        var receiver = ActorSystem.Create("receiver", ReceiverConfig);
        try
        {
            receiver.ActorOf(Props.Create(() => new EchoActor()), "echo");
            var receiverAddress = ((ExtendedActorSystem)receiver).Provider.DefaultAddress;
            var echo = await Sys.ActorSelection(new RootActorPath(receiverAddress) / "user" / "echo").ResolveOne(Timeout);

            var receiverLog = CreateTestProbe(receiver);
            receiver.EventStream.Subscribe(receiverLog.Ref, typeof(Error));
            receiver.EventStream.Subscribe(receiverLog.Ref, typeof(Warning));
            Sys.EventStream.Subscribe(TestActor, typeof(AssociationErrorEvent));
            Sys.EventStream.Subscribe(TestActor, typeof(DisassociatedEvent));

            foreach (var sample in ProtocolManifest.Entries.Select(e => ProtocolSamples.For(e.Type)))
            {
                echo.Tell(sample, TestActor);
                ProtocolAssert.SameContent(sample, ExpectMsg<IProtocolMessage>(Timeout));
            }

            var forgeries = Forgeries();
            foreach (var forged in forgeries)
            {
                echo.Tell(forged, TestActor);
            }

            // Still associated: the next good message gets through, and no association event came instead.
            var last = new RunTrial(42, 7);
            echo.Tell(last, TestActor);
            ProtocolAssert.SameContent(last, ExpectMsg<IProtocolMessage>(Timeout));
            ExpectNoMsg(TimeSpan.FromMilliseconds(500));

            // The receiver read and refused each forgery (rather than the sender failing to send it).
            var refusals = receiverLog.ReceiveWhile(TimeSpan.FromSeconds(1), m => m as LogEvent).OfType<LogEvent>().ToList();
            Assert.Equal(forgeries.Count, refusals.Count(e => e.Cause is SerializationException));
        }
        finally
        {
            await receiver.Terminate().WaitAsync(Timeout);
        }
    }

    private List<ForgedPayload> Forgeries()
    {
        var genuine = new ProtocolSerializer((ExtendedActorSystem)Sys);
        var spikes = genuine.ToBinary(ProtocolSamples.For("spk"));
        var garbage = new byte[200];
        new Random(7).NextBytes(garbage);
        return
        [
            new("spk", garbage),
            new("spk", spikes[..(spikes.Length / 2)]),
            new("nope", spikes),
            new("psum", spikes),
            new("run", [.. Enumerable.Repeat((byte)0x91, 100_000), 0xc0]),
            // Well formed, but its values do not fit its counts.
            new("psum", [.. MessagePackSerializer.Serialize("psum"),
                .. MessagePackSerializer.Serialize(new PartialSums(0, 0, 0, 3, 4, new float[5], []))]),
        ];
    }
}
