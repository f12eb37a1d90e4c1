using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;
using DistSnn.Runtime.Logging;

namespace DistSnn.Runtime.Cluster;

/// <summary>Creates the actor system of a DistSnn node (coordinator, worker, or a local study), with the node's TLS and log when it has them.</summary>
public static class ClusterNodeSystem
{
    /// <param name="config">The node's effective configuration (<see cref="RuntimeConfig.Cluster"/> or <see cref="RuntimeConfig.Local"/>).</param>
    /// <param name="tls">Its TLS: <see cref="ClusterTls.FromConfig"/> of the same configuration.</param>
    /// <param name="log">Where Akka's log events go (a file, and the terminal as it says); null: Akka's default (standard output).</param>
    public static ActorSystem Create(Config config, ClusterTls? tls, NodeLog? log = null)
    {
        // Without the pinned setup Akka would fall back to its HOCON route and reject the self-signed certificate.
        if (ClusterTls.IsEnabled(config) != tls is not null)
            throw new ArgumentException($"{ClusterTls.EnableKey} and the node's TLS disagree: load it with ClusterTls.FromConfig of the same configuration", nameof(tls));

        var setups = new List<Setup>();
        if (log is not null)
        {
            var logSetup = new NodeLogSetup(log);
            config = logSetup.Config.WithFallback(config);
            setups.Add(logSetup);
        }
        if (tls is not null)
        {
            // The certificate travels in the setup. Blank the file and password in the configuration Akka sees: it would
            // otherwise warn at every start that both are present, and its settings would carry the password.
            config = ConfigurationFactory.ParseString($$"""
                {{ClusterTls.PathKey}} = ""
                {{ClusterTls.PasswordKey}} = ""
                """).WithFallback(config);
            setups.Add(tls.SslSetup());
        }
        if (setups.Count == 0) return ActorSystem.Create(ClusterNodeSettings.SystemName, config);
        ActorSystemSetup setup = BootstrapSetup.Create().WithConfig(config).And(setups[0]);
        foreach (Setup more in setups.Skip(1)) setup = setup.And(more);
        return ActorSystem.Create(ClusterNodeSettings.SystemName, setup);
    }
}
