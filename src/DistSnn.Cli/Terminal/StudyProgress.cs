using System.Diagnostics;
using System.Globalization;
using DistSnn.Core.Study;
using Spectre.Console;

namespace DistSnn.Cli.Terminal;

/// <summary>
/// Shows a running study while it runs: a live table of per-point progress bars on a terminal, a plain line every
/// few seconds when stderr is redirected (CI logs), nothing with --quiet. The study runs on a thread of its own;
/// its trial events only update a <see cref="StudyTally"/>, and this thread alone draws, because Spectre's live
/// display is not thread-safe.
/// </summary>
public static class StudyProgress
{
    private static readonly TimeSpan LogInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>The most recent notes (warnings of a cluster study) the live display shows below its table.</summary>
    private const int MaxNotes = 4;

    /// <summary>Runs <paramref name="execution"/> to its end (or cancellation) with its progress display.</summary>
    /// <param name="alreadyDone">Trials of a resumed study, loaded from its results; they count as done.</param>
    /// <param name="stderr">Where progress goes; the live display only when this is <see cref="Console.Error"/> on a terminal.</param>
    /// <param name="workers">How many cluster workers are ready now (null: no cluster); read on each redraw.</param>
    /// <param name="divertNotes">Sends the lines others would write to the terminal (a cluster's warnings) to the
    /// given sink until disposed: the live display shows them below its table instead of being garbled by them.</param>
    /// <returns>What <see cref="IStudyExecution.Run"/> returned: the trials of this run, without <paramref name="alreadyDone"/>.</returns>
    public static IReadOnlyList<TrialRecord> Run(
        IStudyExecution execution, StudySpec spec, IReadOnlyList<TrialRecord> alreadyDone, bool quiet, TextWriter stderr, CancellationToken cancel,
        Func<int?>? workers = null, Func<Action<string>, IDisposable>? divertNotes = null)
    {
        if (quiet) return execution.Run(cancel);
        bool terminal = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
        return terminal
            ? RunLive(execution, spec, alreadyDone, cancel, workers ?? NoCluster, divertNotes)
            : RunWithLog(execution, spec, alreadyDone, stderr, LogInterval, cancel, workers);
    }

    private static int? NoCluster() => null;

    /// <summary>", 2 workers ready" after the elapsed time of a cluster study; nothing otherwise.</summary>
    internal static string WorkersText(int? workers) => workers is { } n ? $", {n} worker{(n == 1 ? "" : "s")} ready" : "";

    /// <summary>The redirected-stderr mode: a line every <paramref name="interval"/>, and one at the end.</summary>
    internal static IReadOnlyList<TrialRecord> RunWithLog(
        IStudyExecution execution, StudySpec spec, IReadOnlyList<TrialRecord> alreadyDone, TextWriter stderr, TimeSpan interval, CancellationToken cancel,
        Func<int?>? workers = null)
    {
        workers ??= NoCluster;
        var tally = new StudyTally(spec, alreadyDone);
        var clock = Stopwatch.StartNew();
        var records = Observe(execution, tally, interval, cancel,
            () => stderr.WriteLine(LogLine(tally.Snapshot(clock.Elapsed, 0) with { Workers = workers() })));
        if (!cancel.IsCancellationRequested) tally.MarkComplete();
        ProgressSnapshot end = tally.Snapshot(clock.Elapsed, 0);
        string how = cancel.IsCancellationRequested ? "interrupted after" : "finished in";
        string resumed = tally.Resumed > 0 ? $", {tally.Resumed} resumed" : "";
        stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"progress: {end.Done}/{end.Planned} trials, {how} {end.Elapsed.TotalSeconds:F1} s{resumed}"));
        return records;
    }

    private static string LogLine(ProgressSnapshot s) =>
        $"progress: {s.Done}/{s.Planned} trials{(s.Adaptive ? " (adaptive)" : "")}, {DurationText.Of(s.Elapsed)}, ETA {DurationText.Of(s.Remaining)}{WorkersText(s.Workers)}";

    private static IReadOnlyList<TrialRecord> RunLive(
        IStudyExecution execution, StudySpec spec, IReadOnlyList<TrialRecord> alreadyDone, CancellationToken cancel, Func<int?> workers,
        Func<Action<string>, IDisposable>? divertNotes)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var tally = new StudyTally(spec, alreadyDone);
        // Room for the title, the header, the footer, the caption and the notes; never more than the tally keeps track of.
        int rows = Math.Clamp(console.Profile.Height - 10 - MaxNotes, 1, StudyTally.MostRecentPoints);
        var clock = Stopwatch.StartNew();
        // Lines written to the terminal while the display redraws in place would be overwritten or break the frame: shown below it.
        var notes = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using IDisposable? diverted = divertNotes?.Invoke(line =>
        {
            notes.Enqueue(line);
            while (notes.Count > MaxNotes) notes.TryDequeue(out _);
        });
        Spectre.Console.Rendering.IRenderable Table()
        {
            var table = ProgressTable.Of(spec.Name, tally.Snapshot(clock.Elapsed, rows) with { Workers = workers() });
            return notes.IsEmpty ? table : new Rows(table, new Text(string.Join("\n", notes)));
        }
        return console.Live(Table())
            .AutoClear(false)
            .Start(display =>
            {
                var records = Observe(execution, tally, RedrawInterval, cancel,
                    () => display.UpdateTarget(Table()));
                if (!cancel.IsCancellationRequested) tally.MarkComplete();
                display.UpdateTarget(Table());
                return records;
            });
    }

    /// <summary>Runs the study on its own thread, feeding <paramref name="tally"/>, and calls <paramref name="tick"/> on
    /// this thread every <paramref name="interval"/> until it ends; rethrows what the study threw.</summary>
    private static IReadOnlyList<TrialRecord> Observe(
        IStudyExecution execution, StudyTally tally, TimeSpan interval, CancellationToken cancel, Action tick)
    {
        Action<TrialRecord> onTrial = tally.Add;
        execution.TrialCompleted += onTrial;
        try
        {
            var run = Task.Factory.StartNew(() => execution.Run(cancel), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            // WaitAny, unlike Wait, does not throw when the study fails: the failure is rethrown below, unwrapped.
            while (Task.WaitAny([run], interval) < 0) tick();
            return run.GetAwaiter().GetResult();
        }
        finally
        {
            execution.TrialCompleted -= onTrial;
        }
    }
}
