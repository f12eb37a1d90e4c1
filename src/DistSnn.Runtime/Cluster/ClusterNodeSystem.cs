using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Configuration;

namespace DistSnn.Runtime.Cluster;

/// <summary>Creates the actor system of a cluster node (coordinator or worker), with the node's TLS when it has one.</summary>
public static class ClusterNodeSystem
{
    /// <param name="config">The node's effective configuration (<see cref="RuntimeConfig.Cluster"/>).</param>
    /// <param name="tls">Its TLS: <see cref="ClusterTls.FromConfig"/> of the same configuration.</param>
    public static ActorSystem Create(Config config, ClusterTls? tls)
    {
        // Without the pinned setup Akka would fall back to its HOCON route and reject the self-signed certificate.
        if (ClusterTls.IsEnabled(config) != tls is not null)
            throw new ArgumentException($"{ClusterTls.EnableKey} and the node's TLS disagree: load it with ClusterTls.FromConfig of the same configuration", nameof(tls));
        if (tls is null) return ActorSystem.Create(ClusterNodeSettings.SystemName, config);

        // The certificate travels in the setup. Blank the file and password in the configuration Akka sees: it would
        // otherwise warn at every start that both are present, and its settings would carry the password.
        Config withoutFile = ConfigurationFactory.ParseString($$"""
            {{ClusterTls.PathKey}} = ""
            {{ClusterTls.PasswordKey}} = ""
            """).WithFallback(config);
        ActorSystemSetup setup = BootstrapSetup.Create().WithConfig(withoutFile).And(tls.SslSetup());
        return ActorSystem.Create(ClusterNodeSettings.SystemName, setup);
    }
}
