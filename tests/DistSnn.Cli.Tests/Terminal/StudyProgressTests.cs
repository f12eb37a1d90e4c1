using System.Text.RegularExpressions;
using DistSnn.Cli.Terminal;
using DistSnn.Core.Study;

namespace DistSnn.Cli.Tests.Terminal;

public class StudyProgressTests
{
    // Two points, three trials each.
    private static readonly StudySpec Spec = StudySpecReader.ReadText(
        "model: m\nsweep: [{ key: crossbar.device.read.sigma, values: [0.0, 0.5] }]\ntrials: 3\n", "test.yaml", null, []);

    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(40);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(15);

    private static string[] Lines(StringWriter writer) => writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Log_mode_prints_progress_lines_and_a_final_line()
    {
        var execution = new FakeStudyExecution(FakeStudyExecution.Grid(2, 3), Pause);
        var stderr = new StringWriter();

        var records = StudyProgress.RunWithLog(execution, Spec, [], stderr, Interval, CancellationToken.None);

        Assert.Equal(6, records.Count);
        string[] lines = Lines(stderr);
        Assert.True(lines.Length >= 3, stderr.ToString());
        Assert.All(lines[..^1], line => Assert.Matches(@"^progress: [0-6]/6 trials, \d+ s, ETA (\d+ s|n/a)$", line));
        Assert.Contains(lines[..^1], line => Regex.IsMatch(line, @"^progress: [1-5]/6 trials, \d+ s, ETA \d+ s$"));
        Assert.Matches(@"^progress: 6/6 trials, finished in \d+\.\d s$", lines[^1]);
    }

    [Fact]
    public void A_cluster_study_says_how_many_workers_are_ready()
    {
        var execution = new FakeStudyExecution(FakeStudyExecution.Grid(2, 3), Pause);
        var stderr = new StringWriter();
        int calls = 0;

        StudyProgress.RunWithLog(execution, Spec, [], stderr, Interval, CancellationToken.None, () => Interlocked.Increment(ref calls) == 1 ? 1 : 2);

        string[] lines = Lines(stderr);
        Assert.EndsWith(", 1 worker ready", lines[0]);
        Assert.All(lines[1..^1], line => Assert.EndsWith(", 2 workers ready", line));
    }

    [Fact]
    public void Quiet_prints_nothing()
    {
        var execution = new FakeStudyExecution(FakeStudyExecution.Grid(2, 3), TimeSpan.Zero);
        var stderr = new StringWriter();

        var records = StudyProgress.Run(execution, Spec, [], quiet: true, stderr, CancellationToken.None);

        Assert.Equal(6, records.Count);
        Assert.Equal("", stderr.ToString());
    }

    [Fact]
    public void A_redirected_writer_gets_the_log_with_its_final_line()
    {
        var stderr = new StringWriter();

        StudyProgress.Run(new FakeStudyExecution(FakeStudyExecution.Grid(2, 3), TimeSpan.Zero), Spec, [], quiet: false, stderr, CancellationToken.None);

        Assert.Matches(@"^progress: 6/6 trials, finished in \d+\.\d s$", Assert.Single(Lines(stderr)));
    }

    [Fact]
    public void Resumed_trials_count_as_done_and_are_not_returned_again()
    {
        var all = FakeStudyExecution.Grid(2, 3);
        var resumed = all.Take(2).ToList();
        var execution = new FakeStudyExecution(all.Skip(2).ToList(), Pause);
        var stderr = new StringWriter();

        var records = StudyProgress.RunWithLog(execution, Spec, resumed, stderr, Interval, CancellationToken.None);

        Assert.Equal(4, records.Count);
        string[] lines = Lines(stderr);
        Assert.All(lines[..^1], line => Assert.Matches(@"^progress: [2-6]/6 trials, ", line));
        Assert.Matches(@"^progress: 6/6 trials, finished in \d+\.\d s, 2 resumed$", lines[^1]);
    }

    [Fact]
    public void Cancellation_says_the_study_was_interrupted()
    {
        using var cancel = new CancellationTokenSource();
        var execution = new FakeStudyExecution(FakeStudyExecution.Grid(2, 3), Pause);
        int seen = 0;
        execution.TrialCompleted += _ => { if (++seen == 2) cancel.Cancel(); };
        var stderr = new StringWriter();

        var records = StudyProgress.RunWithLog(execution, Spec, [], stderr, Interval, cancel.Token);

        Assert.Equal(2, records.Count);
        Assert.Matches(@"^progress: 2/6 trials, interrupted after \d+\.\d s$", Lines(stderr)[^1]);
    }

    [Fact]
    public void A_failing_study_rethrows_its_own_exception()
    {
        var execution = new FakeStudyExecution(FakeStudyExecution.Grid(2, 1), TimeSpan.Zero) { Failure = new InvalidDataException("broken chip") };

        var error = Assert.Throws<InvalidDataException>(() =>
            StudyProgress.RunWithLog(execution, Spec, [], new StringWriter(), Interval, CancellationToken.None));

        Assert.Equal("broken chip", error.Message);
    }

    [Fact]
    public void The_handler_is_removed_when_the_study_ends()
    {
        var execution = new FakeStudyExecution(FakeStudyExecution.Grid(2, 3), TimeSpan.Zero);
        var stderr = new StringWriter();
        StudyProgress.RunWithLog(execution, Spec, [], stderr, Interval, CancellationToken.None);
        string before = stderr.ToString();

        execution.Run();

        Assert.Equal(before, stderr.ToString());
    }
}
