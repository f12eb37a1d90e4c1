using System.CommandLine;
using DistSnn.Cli.Dashboard;
using DistSnn.Cli.Terminal;
using DistSnn.Core;
using DistSnn.Core.Models;
using DistSnn.Core.Study;
using DistSnn.Core.Trial;
using DistSnn.Runtime;
using DistSnn.Runtime.Cluster;
using DistSnn.Runtime.Logging;
using DistSnn.Runtime.Reports;
using DistSnn.Runtime.Storage;

namespace DistSnn.Cli.Commands;

/// <summary><c>distsnn study [SPEC]</c>: runs a Monte Carlo study (the built-in demo without SPEC) and writes its results.</summary>
public static class StudyCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var spec = new Argument<string?>("SPEC") { Description = "The study spec (YAML, distsnn-study/1); omit it for the built-in demo.", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string?>("--out") { Description = "Output directory (default ./distsnn-out/<study name>)." };
        var sets = new Option<string[]>("--set") { Description = "Override a spec field by its dotted path: KEY=VALUE (repeatable)." };
        var trials = new Option<int?>("--trials") { Description = "Shorthand for --set trials=N." };
        var seed = new Option<uint?>("--seed") { Description = "Shorthand for --set seed=S." };
        var workers = new Option<int?>("--local-workers") { Description = "Trials run in parallel in this process (default: the machine's cores)." };
        var overwrite = new Option<bool>("--overwrite") { Description = "Replace the results already in the output directory." };
        var resume = new Option<bool>("--resume") { Description = "Continue the study stored in --out (same spec): run only the missing trials." };
        var quiet = new Option<bool>("--quiet") { Description = "No progress output; the summary table and errors still print." };
        var engine = new Option<string>("--engine")
        {
            Description = "actors (the runtime, default) or reference (the sequential engine: the same steps as a plain loop, one thread per trial; same results).",
            DefaultValueFactory = _ => "actors",
        };
        engine.AcceptOnlyFromAmong("actors", "reference");
        var host = new Option<string>("--host") { Description = "Interface the cluster port binds (default 127.0.0.1).", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int?>("--port") { Description = "Make this process a cluster seed on this port that `distsnn worker --join HOST:PORT` joins." };
        var configFile = new Option<string?>("--config") { Description = "With --port: a HOCON file whose values override the cluster settings (see cluster-config/)." };
        var minWorkers = new Option<int>("--min-workers") { Description = "With --port: joined workers to wait for before starting.", DefaultValueFactory = _ => 0 };
        var dashboard = DashboardOptions.Port();
        var dashboardHost = DashboardOptions.Host();
        var verbose = new Option<bool>("--verbose") { Description = $"Show Akka's log on the terminal too, not only in {NodeLog.StudyFileName} in the output directory." };
        var command = new Command("study", "Run a Monte Carlo study of accuracy on non-ideal crossbars.")
        {
            spec, output, sets, trials, seed, workers, overwrite, resume, quiet, engine, host, port, minWorkers, configFile, verbose, dashboard, dashboardHost,
        };
        command.SetAction(parsed =>
        {
            var allSets = new List<string>(parsed.GetValue(sets) ?? []);
            if (parsed.GetValue(trials) is int n) allSets.Add($"trials={n}");
            if (parsed.GetValue(seed) is uint s) allSets.Add($"seed={s}");
            int localWorkers = parsed.GetValue(workers) ?? Environment.ProcessorCount;
            int? clusterPort = parsed.GetValue(port);
            if (localWorkers < (clusterPort is null ? 1 : 0))
                throw new InputException("command line", "--local-workers",
                    $"expected an integer >= {(clusterPort is null ? 1 : 0)}, got {localWorkers}{(clusterPort is null ? " (0 needs --port, so that workers can join)" : "")}");
            if (clusterPort is < 0 or > 65535)
                throw new InputException("command line", "--port", $"expected a TCP port 0..65535, got {clusterPort}");
            if (parsed.GetValue(minWorkers) < 0)
                throw new InputException("command line", "--min-workers", $"expected an integer >= 0, got {parsed.GetValue(minWorkers)}");
            var cluster = clusterPort is int p
                ? ClusterSetup.Create(new ClusterNodeSettings(ClusterRole.Coordinator, parsed.GetValue(host)!, p,
                    Environment.GetEnvironmentVariable("DISTSNN_PUBLIC_HOSTNAME")), parsed.GetValue(minWorkers), parsed.GetValue(configFile))
                : null;
            if (cluster is null && parsed.GetValue(configFile) is not null)
                throw new InputException("command line", "--config", "applies to a cluster study: add --port");

            var inputs = StudyInputs.Load(CliApp.SpecArgument(parsed.GetValue(spec)), allSets);
            if (cluster is not null) SpreadFrameSize.Check(inputs.Spec, cluster.Effective);
            string outDir = Path.GetFullPath(parsed.GetValue(output) ?? Path.Combine("distsnn-out", inputs.Spec.Name));
            if (parsed.GetValue(resume) && parsed.GetValue(overwrite))
                throw new InputException("command line", "--resume", "cannot be combined with --overwrite");
            if (cluster is not null && parsed.GetValue(engine) == "reference")
                throw new InputException("command line", "--engine", "reference runs in this process only; drop --port or --engine");
            // Bound before the store is opened: a port in use is bad input that leaves the output directory as it was.
            using StudyDashboard? live = DashboardOptions.Endpoint(parsed, dashboard, dashboardHost) is { } at ? StudyDashboard.Start(at, inputs.Spec, stderr) : null;
            using ResultStore store = OpenStore(outDir, inputs.Spec, parsed.GetValue(resume), parsed.GetValue(overwrite));
            // Akka's log goes to the output directory; the terminal shows the study's own warnings (NodeLog).
            using var log = new NodeLog(Path.Combine(outDir, NodeLog.StudyFileName), stderr, Akka.Event.LogLevel.WarningLevel, parsed.GetValue(verbose));
            using IDisposable? akkaConsole = cluster is null ? null : NodeLogStandardOutput.Capture(log);
            return Run(inputs, store, outDir, localWorkers, parsed.GetValue(engine) == "reference", cluster, parsed.GetValue(quiet), stdout, stderr, log, live);
        });
        return command;
    }

    /// <summary>
    /// This process as a cluster coordinator: where it listens, how many workers it waits for, its --config, the
    /// configuration that makes (what the checks before the run read) and its TLS.
    /// </summary>
    private sealed record ClusterSetup(ClusterNodeSettings Node, int MinWorkers, Akka.Configuration.Config? Overrides,
        Akka.Configuration.Config Effective, ClusterTls? Tls)
    {
        /// <summary>Reads the --config file and the certificate it names: bad input shows before anything is written.</summary>
        public static ClusterSetup Create(ClusterNodeSettings node, int minWorkers, string? configFile)
        {
            Akka.Configuration.Config? overrides = ClusterConfigFile.Read(configFile);
            Akka.Configuration.Config effective = RuntimeConfig.Cluster(node, overrides);
            return new ClusterSetup(node, minWorkers, overrides, effective, ClusterTls.FromConfig(effective, configFile ?? "command line"));
        }
    }

    private static int Run(StudyInputs inputs, ResultStore store, string outDir, int localWorkers, bool reference, ClusterSetup? cluster,
        bool quiet, TextWriter stdout, TextWriter stderr, NodeLog log, StudyDashboard? live)
    {
        StudySpec spec = inputs.Spec;
        IReadOnlyList<TrialRecord> alreadyDone = store.Records();
        if (!quiet)
        {
            stderr.WriteLine($"study '{spec.Name}': {spec.Points.Count} point(s) x {ValidateCommand.TrialText(spec.Trials)} on {localWorkers} local worker(s)");
            stderr.WriteLine($"  model: {inputs.ModelDescription}");
            stderr.WriteLine($"  data:  {inputs.DataDescription}");
            stderr.WriteLine($"  kernel: {KernelInstructions.Describe()}");
            if (alreadyDone.Count > 0)
                stderr.WriteLine($"  resume: {alreadyDone.Count} of {PlannedText(spec)} trials already done");
            if (cluster is not null)
                stderr.WriteLine($"  cluster: workers join {cluster.Node.AdvertisedHost}:{cluster.Node.Port}; waiting for {cluster.MinWorkers} before starting");
            if (cluster?.Tls is not null)
                stderr.WriteLine($"  tls: every node must present certificate {cluster.Tls.Thumbprint}");
            if (spec.Placement == TilePlacement.Spread)
                stderr.WriteLine(cluster is null
                    ? "  placement: spread needs a cluster (--port); without one every tile stays in this process (same results)"
                    : "  placement: spread: trials run here, each trial's tiles dealt over the joined workers");
        }

        bool interrupted;
        DateTimeOffset started = DateTimeOffset.UtcNow;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string workersUsed = $"{localWorkers} local worker thread(s){(reference ? ", sequential engine" : "")}";
        using (var stop = new StopSignals())
        {
            IStudyExecution execution = reference
                ? new StudyRunner(spec, inputs.Model, inputs.Data, localWorkers, alreadyDone)
                : new ActorStudyExecution(spec, inputs.Model, inputs.Data, localWorkers, alreadyDone,
                    config: cluster?.Overrides,
                    node: cluster?.Node,
                    package: cluster is null ? null : StudyPackage.Create(inputs.SpecText, spec.Origin, inputs.Sets, inputs.Model, inputs.Data),
                    minWorkers: cluster?.MinWorkers ?? 0,
                    tls: cluster?.Tls,
                    log: log);
            // Stored the moment it is reported: a killed study loses only the trials that were running.
            execution.TrialCompleted += record => store.Record(record);
            // Where each trial ran, for the report: a worker that ran trials and then died still counts, one that ran none does not.
            var ranOn = new Dictionary<string, int>();
            if (execution is ActorStudyExecution actors)
            {
                actors.TrialRanOn += (_, worker) =>
                {
                    lock (ranOn) ranOn[worker ?? ""] = ranOn.GetValueOrDefault(worker ?? "") + 1;
                };
            }
            live?.Watch(execution, alreadyDone, localWorkers, () => (execution as ActorStudyExecution)?.ReadyWorkers);
            StudyProgress.Run(execution, spec, alreadyDone, quiet, stderr, stop.Token, () => (execution as ActorStudyExecution)?.ReadyWorkers, log.DivertTerminal);
            interrupted = stop.Requested;
            if (cluster is not null)
            {
                lock (ranOn)
                {
                    var joined = ranOn.Where(w => w.Key.Length > 0).OrderBy(w => w.Key, StringComparer.Ordinal).ToList();
                    workersUsed += $" ({ranOn.GetValueOrDefault("")} trial(s) here); {joined.Count} joined worker(s) ran trials"
                        + (joined.Count == 0 ? "" : ": " + string.Join(", ", joined.Select(w => $"{w.Key} ({w.Value})")));
                }
            }
        }

        if (interrupted)
        {
            live?.Interrupted($"interrupted: {store.Records().Count} trial(s) stored; --resume finishes the study");
            stderr.WriteLine($"error: interrupted: {store.Records().Count} trial(s) are stored in {store.Path}; run the same command with --resume to finish the study");
            return CliApp.RuntimeFailure;
        }

        // The ideal-device reference is one more trial, run after the study so that its progress display stays the study's.
        if (spec.IdealReference && !quiet) stderr.WriteLine("  ideal-device reference: one trial with every device non-ideality off (report.ideal_reference: false skips it)");
        double? ideal = spec.IdealReference ? IdealDeviceAccuracy.Compute(spec, inputs.Model, inputs.Data) : null;
        var references = new AccuracyReferences(ideal, SoftwareAccuracy.Of(inputs.Model));
        IReadOnlyList<PointSummary> summaries = store.Export(outDir, inputs.ModelDescription, inputs.DataDescription, inputs.ModelSettings, ideal);
        IReadOnlyList<string> plots = StudyPlots.Write(outDir, spec, summaries, references);
        ReportPage.Write(outDir, spec, summaries, inputs.ModelDescription, inputs.DataDescription, plots,
            RunDescription.ThisProcess(started, clock.Elapsed, workersUsed), references);
        live?.Finished(summaries, outDir);

        BenchStats.WriteIfAsked(spec, inputs.Data.Count, inputs.Model, store.Records, alreadyDone);
        SummaryTable.Write(stdout, spec, summaries);
        stdout.WriteLine($"results: {outDir} ({ResultStore.FileName}, {ResultFiles.TrialsCsv}, {ResultFiles.ChipsCsv}, {ResultFiles.SummaryCsv}, {ResultFiles.SummaryJson}, {string.Join(", ", plots)} (each with an .svg), report.html)");
        return CliApp.Success;
    }

    private static string PlannedText(StudySpec spec) => spec.Trials.IsAdaptive
        ? $"{spec.Points.Count * spec.Trials.Min}..{spec.Points.Count * spec.Trials.Max}"
        : $"{spec.Points.Count * spec.Trials.Min}";

    /// <summary>
    /// The study's store: a new one, or with <paramref name="resume"/> the existing one (its spec hash must match).
    /// Earlier results are never overwritten silently (INTERFACE.md).
    /// </summary>
    private static ResultStore OpenStore(string outDir, StudySpec spec, bool resume, bool overwrite)
    {
        if (File.Exists(outDir))
            throw new InputException("command line", "--out", $"expected a directory, but {outDir} is a file");
        if (resume)
        {
            if (!File.Exists(Path.Combine(outDir, ResultStore.FileName)))
                throw new InputException("command line", "--resume", $"there is no {ResultStore.FileName} in {outDir} to resume; run without --resume");
            return ResultStore.Open(outDir, spec);
        }
        var existing = Directory.Exists(outDir)
            ? Directory.EnumerateFiles(outDir).Where(IsOutputFile).ToList()
            : [];
        if (existing.Count > 0)
        {
            if (!overwrite)
                throw new InputException("command line", "--out",
                    $"{outDir} already holds results ({string.Join(", ", existing.Select(Path.GetFileName).Take(4))}); pass --resume to continue them, --overwrite to replace them, or choose another --out");
            foreach (string f in existing) File.Delete(f);
            // The earlier run's log goes with its results (alone, a log is not a result: a failed run may leave one).
            File.Delete(Path.Combine(outDir, NodeLog.StudyFileName));
        }
        return ResultStore.Create(outDir, spec);
    }

    private static bool IsOutputFile(string path)
    {
        string name = Path.GetFileName(path);
        return name.StartsWith(ResultStore.FileName, StringComparison.Ordinal)
            || name is ResultFiles.TrialsCsv or ResultFiles.ChipsCsv or ResultFiles.SummaryCsv or ResultFiles.SummaryJson or ReportPage.FileName
            || ((name.StartsWith("accuracy", StringComparison.Ordinal) || name.StartsWith("difference-", StringComparison.Ordinal))
                && (name.EndsWith(".png", StringComparison.Ordinal) || name.EndsWith(".svg", StringComparison.Ordinal)));
    }
}
