using System.CommandLine;
using System.Runtime.InteropServices;
using DistSnn.Cli.Terminal;
using DistSnn.Core;
using DistSnn.Core.Study;

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
        var quiet = new Option<bool>("--quiet") { Description = "No progress output; the summary table and errors still print." };
        var engine = new Option<string>("--engine")
        {
            Description = "actors (the runtime, default) or reference (the single-threaded oracle per trial; for tests and debugging).",
            DefaultValueFactory = _ => "actors",
        };
        engine.AcceptOnlyFromAmong("actors", "reference");
        var command = new Command("study", "Run a Monte Carlo study of accuracy on non-ideal crossbars.")
        {
            spec, output, sets, trials, seed, workers, overwrite, quiet, engine,
        };
        command.SetAction(parsed =>
        {
            var allSets = new List<string>(parsed.GetValue(sets) ?? []);
            if (parsed.GetValue(trials) is int n) allSets.Add($"trials={n}");
            if (parsed.GetValue(seed) is uint s) allSets.Add($"seed={s}");
            int localWorkers = parsed.GetValue(workers) ?? Environment.ProcessorCount;
            if (localWorkers < 1)
                throw new InputException("command line", "--local-workers", $"expected an integer >= 1, got {localWorkers}");

            var inputs = StudyInputs.Load(CliApp.SpecArgument(parsed.GetValue(spec)), allSets);
            string outDir = Path.GetFullPath(parsed.GetValue(output) ?? Path.Combine("distsnn-out", inputs.Spec.Name));
            PrepareOutputDirectory(outDir, parsed.GetValue(overwrite));
            return Run(inputs, outDir, localWorkers, parsed.GetValue(engine) == "reference", parsed.GetValue(quiet), stdout, stderr);
        });
        return command;
    }

    private static int Run(StudyInputs inputs, string outDir, int localWorkers, bool reference, bool quiet, TextWriter stdout, TextWriter stderr)
    {
        StudySpec spec = inputs.Spec;
        if (!quiet)
        {
            stderr.WriteLine($"study '{spec.Name}': {spec.Points.Count} point(s) x {ValidateCommand.TrialText(spec.Trials)} on {localWorkers} local worker(s)");
            stderr.WriteLine($"  model: {inputs.ModelDescription}");
            stderr.WriteLine($"  data:  {inputs.DataDescription}");
        }

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCancel;
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; cancel.Cancel(); });
        IReadOnlyList<TrialRecord> records;
        try
        {
            IStudyExecution runner = reference
                ? new StudyRunner(spec, inputs.Model, inputs.Data, localWorkers)
                : new Runtime.ActorStudyExecution(spec, inputs.Model, inputs.Data, localWorkers);
            records = StudyProgress.Run(runner, spec, quiet, stderr, cancel.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }

        Directory.CreateDirectory(outDir);
        if (cancel.IsCancellationRequested)
        {
            File.WriteAllText(Path.Combine(outDir, "trials.partial.csv"), ResultFiles.FormatTrials(spec, records));
            stderr.WriteLine($"error: interrupted after {records.Count} trial(s); they are in {Path.Combine(outDir, "trials.partial.csv")} (not a complete study)");
            return CliApp.RuntimeFailure;
        }

        var summaries = StudyRunner.Summarise(spec, records);
        File.WriteAllText(Path.Combine(outDir, ResultFiles.TrialsCsv), ResultFiles.FormatTrials(spec, records));
        File.WriteAllText(Path.Combine(outDir, ResultFiles.SummaryCsv), ResultFiles.FormatSummary(spec, summaries));
        File.WriteAllText(Path.Combine(outDir, ResultFiles.SummaryJson),
            ResultFiles.FormatSummaryJson(spec, summaries, inputs.ModelDescription, inputs.DataDescription));
        SummaryTable.Write(stdout, spec, summaries);
        stdout.WriteLine($"results: {outDir} ({ResultFiles.TrialsCsv}, {ResultFiles.SummaryCsv}, {ResultFiles.SummaryJson})");
        return CliApp.Success;
    }

    /// <summary>Never overwrites earlier results silently (INTERFACE.md).</summary>
    private static void PrepareOutputDirectory(string outDir, bool overwrite)
    {
        if (File.Exists(outDir))
            throw new InputException("command line", "--out", $"expected a directory, but {outDir} is a file");
        string[] results = [ResultFiles.TrialsCsv, ResultFiles.SummaryCsv, ResultFiles.SummaryJson, "results.db", "trials.partial.csv"];
        var existing = results.Where(f => File.Exists(Path.Combine(outDir, f))).ToList();
        if (existing.Count == 0) return;
        if (!overwrite)
            throw new InputException("command line", "--out", $"{outDir} already holds results ({string.Join(", ", existing)}); pass --overwrite to replace them or choose another --out");
        foreach (string f in existing) File.Delete(Path.Combine(outDir, f));
    }
}
