using Akka.Actor;
using DistSnn.Runtime;
using DistSnn.Runtime.Cluster;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Cli.Tests;

/// <summary>
/// A cluster node inside the test process that joins a coordinator as a worker of another release would: like
/// <see cref="Runtime.Actors.WorkerActor"/>, it registers when the coordinator is up, but with
/// <c>protocolVersion</c>. The coordinator's first answer is kept (<see cref="WaitForAnswer"/>).
/// </summary>
public sealed class RogueWorkerNode : IDisposable
{
    private readonly ActorSystem _system;
    private readonly TaskCompletionSource<IProtocolMessage> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RogueWorkerNode(int coordinatorPort, int protocolVersion)
    {
        var node = new ClusterNodeSettings(ClusterRole.Worker, Seed: $"127.0.0.1:{coordinatorPort}");
        _system = ActorSystem.Create(ClusterNodeSettings.SystemName, RuntimeConfig.Cluster(node));
        TaskCompletionSource<IProtocolMessage> answer = _answer;
        _system.ActorOf(Props.Create(() => new RegisteringActor(protocolVersion, answer)), "worker");
    }

    /// <summary>This node's address, as the coordinator names it.</summary>
    public Address Address => Akka.Cluster.Cluster.Get(_system).SelfAddress;

    /// <summary>What the coordinator answered the registration with (a refusal, or an offer if it took the rogue); null if nothing came in time.</summary>
    public IProtocolMessage? WaitForAnswer(TimeSpan timeout) => _answer.Task.Wait(timeout) ? _answer.Task.Result : null;

    public void Dispose()
    {
        // Terminating runs the coordinated shutdown: the node leaves the cluster instead of being found unreachable.
        _system.Terminate().Wait(TimeSpan.FromSeconds(15));
        _system.Dispose();
    }

    private sealed class RegisteringActor : ReceiveActor
    {
        public RegisteringActor(int protocolVersion, TaskCompletionSource<IProtocolMessage> answer)
        {
            Receive<Akka.Cluster.ClusterEvent.MemberUp>(up =>
            {
                if (!up.Member.HasRole("coordinator")) return;
                Context.ActorSelection(new RootActorPath(up.Member.Address) / "user" / "study")
                    .Tell(new RegisterWorker(protocolVersion, 1));
            });
            Receive<Akka.Cluster.ClusterEvent.IMemberEvent>(_ => { });
            Receive<IProtocolMessage>(message => answer.TrySetResult(message));
        }

        protected override void PreStart() =>
            Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, Akka.Cluster.ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
                typeof(Akka.Cluster.ClusterEvent.MemberUp));

        protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
    }
}
