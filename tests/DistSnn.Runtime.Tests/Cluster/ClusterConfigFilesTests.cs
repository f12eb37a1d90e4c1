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
    public void The_tls_file_turns_ssl_on_and_names_the_certificate_the_program_pins()
    {
        Config tls = ConfigurationFactory.ParseString(File.ReadAllText(ConfigFile("tls.hocon")));
        Config merged = RuntimeConfig.Cluster(new ClusterNodeSettings(ClusterRole.Worker, Seed: "127.0.0.1:4053"), tls);
        Assert.True(ClusterTls.IsEnabled(merged));
        Assert.Equal("/etc/distsnn/cluster.pfx", merged.GetString(ClusterTls.PathKey));
        Assert.Equal(["akka.ssl.tcp://distsnn@127.0.0.1:4053"], merged.GetStringList("akka.cluster.seed-nodes"));
        Assert.Equal(["worker"], merged.GetStringList("akka.cluster.roles"));
        if (!File.Exists("/etc/distsnn/cluster.pfx"))
        {
            var e = Assert.Throws<DistSnn.Core.InputException>(() => ClusterTls.FromConfig(merged, "tls.hocon"));
            Assert.Equal(ClusterTls.PathKey, e.Field);
        }
    }

    /// <summary>
    /// The openssl commands written in tls.hocon, run as written: their file loads, and the thumbprint the program pins
    /// is the fingerprint the file tells users to compare with. Needs openssl (skipped without it).
    /// </summary>
    [Fact]
    public void The_openssl_recipe_in_the_tls_file_makes_a_certificate_the_program_pins()
    {
        if (!File.Exists("/usr/bin/openssl")) return;
        string[] lines = File.ReadAllLines(ConfigFile("tls.hocon"));
        string[] recipe = lines.Where(l => l.StartsWith("#   ", StringComparison.Ordinal)).Select(l => l[4..]).ToArray();
        Assert.Equal(3, recipe.Length);
        string fingerprint = lines.Single(l => l.Contains("-fingerprint -sha1", StringComparison.Ordinal)).Split(":  ")[1];

        string dir = Directory.CreateTempSubdirectory("distsnn-openssl-").FullName;
        try
        {
            Bash(dir, string.Join(" && ", recipe));
            string printed = Bash(dir, fingerprint); // sha1 Fingerprint=AB:CD:...
            Config config = ConfigurationFactory.ParseString($"{ClusterTls.PathKey} = \"{Path.Combine(dir, "cluster.pfx")}\"")
                .WithFallback(ConfigurationFactory.ParseString(File.ReadAllText(ConfigFile("tls.hocon"))));
            ClusterTls tls = ClusterTls.FromConfig(config, "tls.hocon")!;
            Assert.Equal(printed.Split('=')[1].Trim().Replace(":", ""), tls.Thumbprint);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Runs a command line in <paramref name="dir"/>; it must succeed. Returns what it printed on stdout.</summary>
    private static string Bash(string dir, string command)
    {
        var start = new System.Diagnostics.ProcessStartInfo("bash", ["-c", command])
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        string error = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "openssl did not finish");
        Assert.True(process.ExitCode == 0, $"'{command}' failed: {error}");
        return output;
    }

    [Fact]
    public void A_file_value_overrides_the_program()
    {
        Config file = ConfigurationFactory.ParseString("akka.cluster.split-brain-resolver.stable-after = 3s");
        Config merged = RuntimeConfig.Cluster(new ClusterNodeSettings(ClusterRole.Coordinator), file);
        Assert.Equal(TimeSpan.FromSeconds(3), merged.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
    }
}
