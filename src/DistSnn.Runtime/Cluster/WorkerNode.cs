using Akka.Actor;
using DistSnn.Runtime.Actors;
using DistSnn.Runtime.Logging;

namespace DistSnn.Runtime.Cluster;

/// <summary>
/// A worker process: joins the coordinator's cluster and serves studies until stopped. When the node is downed
/// (its coordinator went away) its actor system ends; the worker then starts a fresh one and joins again, so a
/// coordinator restarted on the same address gets its workers back.
/// </summary>
public static class WorkerNode
{
    private static readonly TimeSpan RejoinPause = TimeSpan.FromSeconds(2);

    /// <param name="log">Where the worker's own lines and Akka's log go (<see cref="NodeLog"/>).</param>
    /// <param name="failTrial">Test-only: the trial this worker fails on purpose (<see cref="InjectedTrialFailure"/>); null in real use.</param>
    /// <param name="overrides">Values that win over the program's cluster settings (a --config file).</param>
    /// <param name="tls">The node's TLS when <paramref name="overrides"/> turn it on (<see cref="ClusterTls.FromConfig"/>).</param>
    public static void Run(ClusterNodeSettings node, PackageCache cache, NodeLog log, CancellationToken cancel, Akka.Configuration.Config? overrides = null,
        ClusterTls? tls = null, InjectedTrialFailure? failTrial = null)
    {
        while (!cancel.IsCancellationRequested)
        {
            ActorSystem system = ClusterNodeSystem.Create(RuntimeConfig.Cluster(node, overrides), tls, log);
            try
            {
                system.ActorOf(Props.Create(() => new WorkerActor(node.ComputeThreads, cache, failTrial)), "worker");
                log.Line($"worker {Akka.Cluster.Cluster.Get(system).SelfAddress} joining {node.Seed} with {node.ComputeThreads} thread(s)"
                    + (tls is null ? "" : $"; TLS: peers must present certificate {tls.Thumbprint}")
                    + (log.Path is null ? "" : $"; Akka's log: {log.Path}"));
                try
                {
                    system.WhenTerminated.Wait(cancel);
                }
                catch (OperationCanceledException)
                {
                    // Stopping: leave the cluster cleanly so the coordinator re-queues at once instead of waiting for downing.
                    Akka.Cluster.Cluster.Get(system).LeaveAsync().Wait(TimeSpan.FromSeconds(10));
                    return;
                }
                // SIGTERM also reaches Akka's own exit hook, which may end the system before the cancellation is seen:
                // the process is stopping then, not rejoining.
                if (cancel.IsCancellationRequested || CoordinatedShutdown.Get(system).ShutdownReason is CoordinatedShutdown.ClrExitReason) return;
                log.Line(ClusterTls.StoppedByHandshakeFailure(system)
                    ? $"the TLS handshake with {node.Seed} failed ({log.Where} says why; every node needs the same certificate); joining again"
                    : "this worker left the cluster (coordinator gone?); joining again");
                cancel.WaitHandle.WaitOne(RejoinPause);
            }
            finally
            {
                system.Terminate().Wait(TimeSpan.FromSeconds(10));
                system.Dispose();
            }
        }
    }
}
