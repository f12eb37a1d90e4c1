using Akka.Actor.Setup;
using Akka.Configuration;

namespace DistSnn.Runtime.Logging;

/// <summary>Carries a process's <see cref="NodeLog"/> into its actor system, for the <see cref="NodeLogger"/> that Akka creates there.</summary>
public sealed class NodeLogSetup(NodeLog log) : Setup
{
    public NodeLog Log { get; } = log;

    /// <summary>
    /// The logging part of the configuration: <see cref="NodeLogger"/> as the only logger, and Akka's standard-output
    /// logger (which speaks before the loggers start and after they stop) silent unless the log is verbose.
    /// </summary>
    public Config Config => ConfigurationFactory.ParseString($$"""
        akka {
          loggers = ["{{typeof(NodeLogger).FullName}}, {{typeof(NodeLogger).Assembly.GetName().Name}}"]
          stdout-loglevel = {{(Log.Verbose ? "WARNING" : "OFF")}}
        }
        """);
}
