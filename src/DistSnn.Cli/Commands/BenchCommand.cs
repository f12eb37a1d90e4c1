using System.CommandLine;
using DistSnn.Runtime.Reports;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using DistSnn.Core;

namespace DistSnn.Cli.Commands;

/// <summary>
/// <c>distsnn bench [WORKLOAD]...</c>: the macro benchmarks. Each workload runs as a whole <c>distsnn study</c>
/// process (the default path: actors, results database, <c>--quiet</c>), timed from outside; the process reports
/// its own CPU time, peak memory, garbage collections and synaptic events (<see cref="BenchStats"/>).
/// Workloads: <c>r1</c> (bench/r1.yaml, ../shared/bench/README.md), <c>r1-ideal</c> (the same with ideal
/// devices) and <c>demo</c> (the built-in demo).
/// </summary>
public static class BenchCommand
{
    private static readonly string[] IdealDevices =
    [
        "crossbar.device.programming.sigma=0", "crossbar.device.read.sigma=0", "crossbar.faults.stuck_off=0",
    ];

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var workloads = new Argument<string[]>("WORKLOAD") { Description = "r1, r1-ideal, demo (default: all three).", Arity = ArgumentArity.ZeroOrMore };
        var spec = new Option<string>("--r1") { Description = "The R1 spec (default bench/r1.yaml).", DefaultValueFactory = _ => Path.Combine("bench", "r1.yaml") };
        var sets = new Option<string[]>("--set") { Description = "Extra overrides for every workload: KEY=VALUE (repeatable), e.g. trials=10 or data.limit=1000." };
        var repeat = new Option<int>("--repeat") { Description = "Runs of each workload; the median is printed.", DefaultValueFactory = _ => 1 };
        var workers = new Option<int?>("--local-workers") { Description = "Passed to each study (default: the machine's cores)." };
        var command = new Command("bench", "Run the macro benchmarks (r1, r1-ideal, demo) as whole study processes and print their figures.")
        {
            workloads, spec, sets, repeat, workers,
        };
        command.SetAction(parsed =>
        {
            string[] chosen = parsed.GetValue(workloads) is { Length: > 0 } w ? w : ["r1", "r1-ideal", "demo"];
            foreach (string name in chosen)
                if (name is not ("r1" or "r1-ideal" or "demo"))
                    throw new InputException("command line", name, "expected a workload: r1, r1-ideal or demo");
            int runs = parsed.GetValue(repeat);
            if (runs < 1) throw new InputException("command line", "--repeat", $"expected an integer >= 1, got {runs}");
            string r1 = parsed.GetValue(spec)!;
            if (chosen.Any(n => n.StartsWith("r1", StringComparison.Ordinal)) && !File.Exists(r1))
                throw new InputException(r1, "", "the R1 spec does not exist (run from the repository root, or pass --r1 FILE)");

            stdout.WriteLine($"machine: {Environment.ProcessorCount} cores, {MachineDescription.Cpu() ?? "unknown CPU"}; .NET {Environment.Version}");
            stdout.WriteLine($"{"workload",-10} {"wall s",8} {"cpu s",8} {"sample-steps/s",15} {"syn. events/s",14} {"trials/s",9} {"peak MB",8} {"gc 0/1/2",12} {"accuracy",9}");
            foreach (string name in chosen)
            {
                var args = new List<string> { "study" };
                if (name != "demo") args.Add(r1);
                if (name == "r1-ideal") args.AddRange(IdealDevices.SelectMany(s => new[] { "--set", s }));
                // The ideal-device reference is one more trial after the study: not part of the work a workload measures.
                args.AddRange(["--set", "report.ideal_reference=false"]);
                foreach (string s in parsed.GetValue(sets) ?? []) args.AddRange(["--set", s]);
                if (parsed.GetValue(workers) is int n) args.AddRange(["--local-workers", n.ToString(CultureInfo.InvariantCulture)]);
                var results = Enumerable.Range(0, runs).Select(_ => RunOnce(args, stderr)).OrderBy(r => r.Wall).ToList();
                var (wall, stats) = results[results.Count / 2];
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-10} {wall,8:F2} {stats.CpuSeconds,8:F2} {stats.SampleSteps / wall,15:N0} {stats.SynapticEvents / wall,14:E2} {stats.Trials / wall,9:F2} {stats.PeakRssBytes / 1048576.0,8:F0} {$"{stats.Gen0}/{stats.Gen1}/{stats.Gen2}",12} {stats.AccuracyMean,9:F4}"));
            }
            return CliApp.Success;
        });
        return command;
    }

    /// <summary>One study process, in a fresh temporary output directory: its wall time and what it reported.</summary>
    private static (double Wall, BenchStats Stats) RunOnce(List<string> studyArgs, TextWriter stderr)
    {
        string dir = Directory.CreateTempSubdirectory("distsnn-bench-").FullName;
        try
        {
            string statsFile = Path.Combine(dir, "stats.json");
            var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, RedirectStandardError = true };
            // Run through `dotnet distsnn.dll` when that is how this process was started.
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
            foreach (string a in studyArgs) start.ArgumentList.Add(a);
            foreach (string a in new[] { "--quiet", "--out", Path.Combine(dir, "out") }) start.ArgumentList.Add(a);
            start.Environment[BenchStats.Variable] = statsFile;
            var clock = Stopwatch.StartNew();
            using Process process = Process.Start(start)!;
            Task<string> output = process.StandardOutput.ReadToEndAsync(), errors = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            double wall = clock.Elapsed.TotalSeconds;
            if (process.ExitCode != 0 || !File.Exists(statsFile))
            {
                stderr.Write(errors.Result);
                throw new InvalidOperationException($"the benchmark study exited with {process.ExitCode}: {string.Join(' ', studyArgs)}");
            }
            _ = output.Result;
            return (wall, BenchStats.Read(statsFile));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
