using Akka.Configuration;
using DistSnn.Runtime.Actors;
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

    private static Config ComputeDispatcher(int computeThreads) => ConfigurationFactory.ParseString($$"""
        akka {
          loglevel = WARNING
          stdout-loglevel = WARNING
          log-dead-letters = off
          log-dead-letters-during-shutdown = off
        }
        {{TrialActor.ComputeDispatcher}} {
          type = ForkJoinDispatcher
          throughput = 20
          dedicated-thread-pool {
            thread-count = {{Math.Max(1, computeThreads)}}
            threadtype = background
          }
        }
        """);
}
