using Akka.Actor;
using Akka.Cluster;
using DistSnn.Runtime.Cluster;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime.Tests.Cluster;

/// <summary>Two nodes built from <see cref="RuntimeConfig.Cluster"/> form a cluster on loopback and exchange protocol messages.</summary>
public class ClusterConfigTests
{
    private sealed class Echo : ReceiveActor
    {
        public Echo() => Receive<IProtocolMessage>(m => Sender.Tell(m));
    }

    private static async Task AwaitUp(ActorSystem system, int members)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (Akka.Cluster.Cluster.Get(system).State.Members.Count(m => m.Status == MemberStatus.Up) < members)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{system} did not see {members} members up");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_coordinator_and_a_worker_form_a_cluster_on_loopback_and_talk_through_the_protocol_serializer()
    {
        using ActorSystem coordinator = ActorSystem.Create(ClusterNodeSettings.SystemName,
            RuntimeConfig.Cluster(new ClusterNodeSettings(ClusterRole.Coordinator)));
        ActorSystem? worker = null;
        try
        {
            Address coordinatorAddress = Akka.Cluster.Cluster.Get(coordinator).SelfAddress;
            Assert.Equal("127.0.0.1", coordinatorAddress.Host);
            Akka.Cluster.Cluster.Get(coordinator).Join(coordinatorAddress);

            worker = ActorSystem.Create(ClusterNodeSettings.SystemName, RuntimeConfig.Cluster(
                new ClusterNodeSettings(ClusterRole.Worker, Seed: $"127.0.0.1:{coordinatorAddress.Port}")));
            await AwaitUp(coordinator, 2);
            await AwaitUp(worker, 2);

            var members = Akka.Cluster.Cluster.Get(coordinator).State.Members;
            Assert.Contains(members, m => m.HasRole("coordinator") && m.Address.Equals(coordinatorAddress));
            Assert.Contains(members, m => m.HasRole("worker") && !m.Address.Equals(coordinatorAddress));

            // A protocol message to an actor on the other node and back, through remoting with strict serialization.
            worker.ActorOf(Props.Create(() => new Echo()), "echo");
            Address workerAddress = Akka.Cluster.Cluster.Get(worker).SelfAddress;
            ActorSelection echo = coordinator.ActorSelection(new RootActorPath(workerAddress) / "user" / "echo");
            var sent = new TrialCompleted(3, 17, 550, 597, Counted.Adc(4, 1000).ToArray());
            var answer = await echo.Ask<TrialCompleted>(sent, TimeSpan.FromSeconds(10));
            Assert.Equal(sent with { Counters = answer.Counters }, answer);
            Assert.Equal(sent.Counters, answer.Counters);
        }
        finally
        {
            if (worker is not null)
            {
                await Akka.Cluster.Cluster.Get(worker).LeaveAsync().WaitAsync(TimeSpan.FromSeconds(10));
                await worker.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
            }
            await coordinator.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    [Theory]
    [InlineData("0.0.0.0", null, null)] // a wildcard bind advertises the machine's name
    [InlineData("0.0.0.0", "coordinator", "coordinator")]
    [InlineData("10.0.0.5", null, "10.0.0.5")]
    public void A_node_advertises_an_address_others_can_dial(string host, string? publicHost, string? expected)
    {
        var node = new ClusterNodeSettings(ClusterRole.Worker, host, 0, publicHost, "coordinator:4053");
        string advertised = RuntimeConfig.Cluster(node).GetString("akka.remote.dot-netty.tcp.public-hostname");
        Assert.Equal(expected ?? System.Net.Dns.GetHostName(), advertised);
        Assert.NotEqual("0.0.0.0", advertised);
        Assert.Equal(host, RuntimeConfig.Cluster(node).GetString("akka.remote.dot-netty.tcp.hostname"));
    }
}
