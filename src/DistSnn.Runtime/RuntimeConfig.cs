using Akka.Configuration;
using DistSnn.Runtime.Actors;
using DistSnn.Runtime.Cluster;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime;

/// <summary>
/// The Akka configuration of a DistSnn process, built in C# (Akka's HOCON does not read environment variables).
/// </summary>
public static class RuntimeConfig
{
    /// <summary>
    /// A local actor system: the project's serializer for its messages, and the compute dispatcher with
    /// <paramref name="computeThreads"/> dedicated threads, so tile and neuron arithmetic never starves Akka's own threads.
    /// </summary>
    public static Config Local(int computeThreads) => ComputeDispatcher(computeThreads).WithFallback(ProtocolConfig.Serialization);

    /// <summary>
    /// A cluster node (DESIGN.md §4 "Cluster"): remoting on the given interface, the node's role, the coordinator
    /// as seed, the split-brain resolver keeping the side that has the coordinator, a frame size that fits the
    /// largest message, and strict serialization (every remote message must be one of the project's types or
    /// Akka's own). <paramref name="overrides"/> (a <c>--config</c> file) wins over these values; when it turns TLS on,
    /// the seed is addressed over <c>akka.ssl.tcp</c>.
    /// </summary>
    public static Config Cluster(ClusterNodeSettings node, Config? overrides = null)
    {
        string publicHost = node.AdvertisedHost;
        // A coordinator on port 0 (tests) cannot name itself as seed: it joins itself once it is bound.
        string? seed = node.Role == ClusterRole.Coordinator ? (node.Port == 0 ? null : $"{publicHost}:{node.Port}") : node.Seed;
        // With TLS on, the transport serves only akka.ssl.tcp addresses: an akka.tcp seed could never be reached.
        string scheme = overrides is not null && ClusterTls.IsEnabled(overrides) ? "akka.ssl.tcp" : "akka.tcp";
        string seeds = seed is null ? "" : $"\"{scheme}://{ClusterNodeSettings.SystemName}@{seed}\"";
        Config cluster = ConfigurationFactory.ParseString($$"""
            akka {
              actor {
                provider = cluster
                serialization-settings.allow-unregistered-types = false
              }
              remote.retry-gate-closed-for = 1s
              remote.dot-netty.tcp {
                hostname = "{{node.Host}}"
                public-hostname = "{{publicHost}}"
                port = {{node.Port}}
                maximum-frame-size = 4194304b
                send-buffer-size = 8388608b
                receive-buffer-size = 8388608b
              }
              cluster {
                roles = ["{{node.RoleName}}"]
                seed-nodes = [{{seeds}}]
                seed-node-timeout = 2s
                downing-provider-class = "Akka.Cluster.SBR.SplitBrainResolverProvider, Akka.Cluster"
                split-brain-resolver {
                  active-strategy = keep-majority
                  keep-majority.role = "coordinator"
                  stable-after = 20s
                  down-all-when-unstable = off
                }
                failure-detector.acceptable-heartbeat-pause = 5s
              }
            }
            """);
        // Cluster nodes log Akka's INFO lines (joins, removals, associations): a node's log file is where a lost
        // worker is diagnosed. The terminal shows far less (Logging.NodeLog decides).
        cluster = ConfigurationFactory.ParseString("akka.loglevel = INFO").WithFallback(cluster);
        Config config = cluster.WithFallback(ComputeDispatcher(node.ComputeThreads)).WithFallback(ProtocolConfig.Serialization);
        return overrides is null ? config : overrides.WithFallback(config);
    }

    /// <summary>The shared compute pool of <paramref name="computeThreads"/> threads, and as many one-thread lanes
    /// (<see cref="ComputeLanes"/>) when there are two or more.</summary>
    private static Config ComputeDispatcher(int computeThreads)
    {
        int threads = Math.Max(1, computeThreads);
        string lanes = string.Concat(Enumerable.Range(0, ComputeLanes.CountFor(threads)).Select(i => Dispatcher(ComputeLanes.Lane(i), 1)));
        return ConfigurationFactory.ParseString($$"""
        akka {
          loglevel = WARNING
          stdout-loglevel = WARNING
          log-dead-letters = off
          log-dead-letters-during-shutdown = off
        }
        {{Dispatcher(TrialActor.ComputeDispatcher, threads)}}
        {{lanes}}
        """);
    }

    private static string Dispatcher(string id, int threads) => $$"""
        {{id}} {
          type = ForkJoinDispatcher
          throughput = 20
          dedicated-thread-pool {
            thread-count = {{threads}}
            threadtype = background
          }
        }

        """;
}
