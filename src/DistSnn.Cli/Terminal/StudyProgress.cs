using System.Diagnostics;
using DistSnn.Core.Study;
using Spectre.Console;

namespace DistSnn.Cli.Terminal;

/// <summary>
/// Shows a running study: a live progress bar on a terminal, a plain line every few seconds when stderr is
/// redirected (CI logs), nothing with --quiet.
/// </summary>
public static class StudyProgress
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(5);

    public static IReadOnlyList<TrialRecord> Run(IStudyExecution runner, StudySpec spec, bool quiet, TextWriter stderr, CancellationToken cancel)
    {
        int planned = spec.Points.Count * spec.Trials.Min;
        if (quiet) return runner.Run(cancel);

        bool interactive = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
        return interactive ? RunWithBar(runner, planned, cancel) : RunWithLog(runner, planned, stderr, cancel);
    }

    private static IReadOnlyList<TrialRecord> RunWithBar(IStudyExecution runner, int planned, CancellationToken cancel)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        IReadOnlyList<TrialRecord> records = [];
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask("trials", maxValue: planned);
                int done = 0;
                runner.TrialCompleted += _ =>
                {
                    done++;
                    if (done > task.MaxValue) task.MaxValue = done;
                    task.Value = done;
                    task.Description = $"trials {done}/{Math.Max(planned, done)}";
                };
                records = runner.Run(cancel);
                task.Value = task.MaxValue;
            });
        return records;
    }

    private static IReadOnlyList<TrialRecord> RunWithLog(IStudyExecution runner, int planned, TextWriter stderr, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan lastLog = TimeSpan.Zero;
        int done = 0;
        runner.TrialCompleted += _ =>
        {
            done++;
            if (clock.Elapsed - lastLog < LogInterval) return;
            lastLog = clock.Elapsed;
            stderr.WriteLine($"progress: {done}/{Math.Max(planned, done)} trials, {clock.Elapsed.TotalSeconds:F0} s");
        };
        var records = runner.Run(cancel);
        stderr.WriteLine($"progress: {records.Count} trials done in {clock.Elapsed.TotalSeconds:F1} s");
        return records;
    }
}
