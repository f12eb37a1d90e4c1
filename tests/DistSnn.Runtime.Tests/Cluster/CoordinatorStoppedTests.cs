using Akka.Actor;
using Akka.Cluster;
using DistSnn.Core.Data;
using DistSnn.Core.Models;
using DistSnn.Core.Study;
using DistSnn.Runtime.Cluster;

namespace DistSnn.Runtime.Tests.Cluster;

/// <summary>
/// A coordinator's actor system can stop on its own: downed, or stopped by Akka after a failed outbound TLS
/// handshake. The study then ends with an error that says how to continue, instead of waiting forever.
/// </summary>
public class CoordinatorStoppedTests
{
    [Fact]
    public async Task A_downed_coordinator_ends_its_study_with_an_error()
    {
        StudySpec spec = StudySpecReader.ReadText("""
            model: builtin:digits-mlp
            data: { source: digits, limit: 20 }
            trials: 2
            """, "stopped.yaml", null, []);
        var model = BuiltinModels.Load("digits-mlp", "test");
        Dataset data = DataLoader.Load(spec.Data, null, "stopped.yaml");
        int port = FreePort();
        // No trial runs here and no worker registers: the study waits for one, as a coordinator with --min-workers does.
        var execution = new ActorStudyExecution(spec, model, data, 0, node: new ClusterNodeSettings(ClusterRole.Coordinator, Port: port),
            package: TestPackages.Demo, minWorkers: 1);
        Task<IReadOnlyList<TrialRecord>> study = Task.Run(() => execution.Run());

        using ActorSystem other = ActorSystem.Create(ClusterNodeSettings.SystemName,
            RuntimeConfig.Cluster(new ClusterNodeSettings(ClusterRole.Worker, Seed: $"127.0.0.1:{port}")));
        try
        {
            var cluster = Akka.Cluster.Cluster.Get(other);
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            while (cluster.State.Members.Count(m => m.Status == MemberStatus.Up) < 2 && DateTime.UtcNow < deadline) await Task.Delay(50);
            Member coordinator = Assert.Single(cluster.State.Members, m => m.HasRole("coordinator"));
            cluster.Down(coordinator.Address);

            var e = await Assert.ThrowsAsync<InvalidOperationException>(() => study.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.Contains("stopped before the study ended", e.Message);
            Assert.Contains("--resume", e.Message);
        }
        finally
        {
            await other.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
