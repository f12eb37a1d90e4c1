using Akka.Configuration;
using DistSnn.Runtime.Cluster;

namespace DistSnn.Runtime.Tests.Cluster;

/// <summary>The documented HOCON files in cluster-config/ parse, and what they say wins over the program's defaults.</summary>
public class ClusterConfigFilesTests
{
    private static string ConfigFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DistSnn.sln"))) return Path.Combine(dir.FullName, "cluster-config", name);
        throw new InvalidOperationException("repository root not found");
    }

    [Theory]
    [InlineData("coordinator.hocon", "coordinator")]
    [InlineData("worker.hocon", "worker")]
    public void Node_files_parse_and_agree_with_the_program(string file, string role)
    {
        Config fromFile = ConfigurationFactory.ParseString(File.ReadAllText(ConfigFile(file)));
        var node = new ClusterNodeSettings(role == "coordinator" ? ClusterRole.Coordinator : ClusterRole.Worker, Port: 4053, Seed: "127.0.0.1:4053");
        Config built = RuntimeConfig.Cluster(node);
        Config merged = RuntimeConfig.Cluster(node, fromFile);

        Assert.Equal([role], merged.GetStringList("akka.cluster.roles"));
        Assert.Equal("coordinator", merged.GetString("akka.cluster.split-brain-resolver.keep-majority.role"));
        // The files document the program's own values: the resolver must be the same on every node.
        foreach (string key in new[]
        {
            "akka.cluster.split-brain-resolver.active-strategy", "akka.cluster.split-brain-resolver.stable-after",
            "akka.cluster.downing-provider-class", "akka.remote.dot-netty.tcp.maximum-frame-size",
            "akka.actor.serialization-settings.allow-unregistered-types", "akka.cluster.failure-detector.acceptable-heartbeat-pause",
            "akka.remote.retry-gate-closed-for", "akka.cluster.seed-node-timeout",
        })
        {
            Assert.Equal(built.GetString(key), merged.GetString(key));
        }
        // Loopback unless told otherwise.
        Assert.Equal("127.0.0.1", merged.GetString("akka.remote.dot-netty.tcp.hostname"));
        // The serializer binding is always there.
        Assert.Contains("distsnn", merged.GetConfig("akka.actor.serializers").AsEnumerable().Select(e => e.Key));
    }

    [Fact]
    public void The_tls_file_turns_ssl_on_with_validation()
    {
        Config tls = ConfigurationFactory.ParseString(File.ReadAllText(ConfigFile("tls.hocon")));
        Config merged = RuntimeConfig.Cluster(new ClusterNodeSettings(ClusterRole.Worker, Seed: "127.0.0.1:4053"), tls);
        Assert.True(merged.GetBoolean("akka.remote.dot-netty.tcp.enable-ssl"));
        Assert.False(merged.GetBoolean("akka.remote.dot-netty.tcp.ssl.suppress-validation"));
        Assert.True(merged.GetBoolean("akka.remote.dot-netty.tcp.ssl.require-mutual-authentication"));
        Assert.Equal(["worker"], merged.GetStringList("akka.cluster.roles"));
    }

    [Fact]
    public void A_file_value_overrides_the_program()
    {
        Config file = ConfigurationFactory.ParseString("akka.cluster.split-brain-resolver.stable-after = 3s");
        Config merged = RuntimeConfig.Cluster(new ClusterNodeSettings(ClusterRole.Coordinator), file);
        Assert.Equal(TimeSpan.FromSeconds(3), merged.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
    }
}
