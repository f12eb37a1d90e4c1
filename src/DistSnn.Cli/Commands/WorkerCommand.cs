using System.CommandLine;
using DistSnn.Core;
using DistSnn.Runtime;
using DistSnn.Runtime.Cluster;

namespace DistSnn.Cli.Commands;

/// <summary><c>distsnn worker --join HOST:PORT</c>: joins a coordinator's cluster and runs its trials; serves study after study until SIGINT/SIGTERM.</summary>
public static class WorkerCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var join = new Option<string>("--join") { Description = "The coordinator's HOST:PORT (its `study --port`).", Required = true };
        var host = new Option<string>("--host") { Description = "Interface this worker binds (default 127.0.0.1).", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "Port this worker listens on (default 0: any free port).", DefaultValueFactory = _ => 0 };
        var threads = new Option<int?>("--threads") { Description = "Trials run at once (default: the machine's cores)." };
        var configFile = new Option<string?>("--config") { Description = "A HOCON file whose values override the cluster settings (see cluster-config/)." };
        var command = new Command("worker", "Join a study coordinator and run its trials.") { join, host, port, threads, configFile };
        command.SetAction(parsed =>
        {
            string seed = parsed.GetValue(join)!;
            int colon = seed.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(seed[(colon + 1)..], out int seedPort) || seedPort is < 1 or > 65535)
                throw new InputException("command line", "--join", $"expected HOST:PORT, got '{seed}'");
            int n = parsed.GetValue(threads) ?? Environment.ProcessorCount;
            if (n < 1) throw new InputException("command line", "--threads", $"expected an integer >= 1, got {n}");

            var overrides = ClusterConfigFile.Read(parsed.GetValue(configFile));
            var node = new ClusterNodeSettings(ClusterRole.Worker, parsed.GetValue(host)!, parsed.GetValue(port),
                Environment.GetEnvironmentVariable("DISTSNN_PUBLIC_HOSTNAME"), seed, n);
            // Loaded once, before joining: a bad certificate is bad input, not a retry loop.
            ClusterTls? tls = ClusterTls.FromConfig(RuntimeConfig.Cluster(node, overrides), parsed.GetValue(configFile) ?? "command line");
            using var stop = new StopSignals();
            WorkerNode.Run(node, new PackageCache(PackageCache.DefaultDirectory), line => stderr.WriteLine(line), stop.Token, overrides, tls);
            return CliApp.Success;
        });
        return command;
    }
}
