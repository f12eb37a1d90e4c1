using System.CommandLine;
using DistSnn.Core;
using DistSnn.Runtime;
using DistSnn.Runtime.Actors;
using DistSnn.Runtime.Cluster;
using DistSnn.Runtime.Logging;

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
        var logFile = new Option<string?>("--log")
        {
            Description = "Where Akka's log goes (appended): joins, removals, connection errors (default $XDG_CACHE_HOME/distsnn/worker.log, or ~/.cache/distsnn/worker.log).",
        };
        var verbose = new Option<bool>("--verbose") { Description = "Show Akka's log on the terminal too, not only in the --log file." };
        var command = new Command("worker", "Join a study coordinator and run its trials.") { join, host, port, threads, configFile, logFile, verbose };
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
            InjectedTrialFailure? failTrial;
            try
            {
                failTrial = InjectedTrialFailure.FromEnvironment();
            }
            catch (FormatException e)
            {
                throw new InputException("environment", InjectedTrialFailure.EnvironmentVariable, e.Message);
            }
            // A worker runs unattended: its own lines (which study it serves, refusals, rejoins) stay on the terminal; Akka's go to the file.
            string logPath = parsed.GetValue(logFile) ?? NodeLog.DefaultWorkerFile;
            try
            {
                NodeLog.CheckWritable(logPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InputException("command line", "--log", $"a file this worker can append to, but {logPath}: {e.Message}");
            }
            using var log = new NodeLog(logPath, stderr, Akka.Event.LogLevel.InfoLevel, parsed.GetValue(verbose));
            using var stop = new StopSignals();
            using (NodeLogStandardOutput.Capture(log))
                WorkerNode.Run(node, new PackageCache(PackageCache.DefaultDirectory), log, stop.Token, overrides, tls, failTrial);
            return CliApp.Success;
        });
        return command;
    }
}
