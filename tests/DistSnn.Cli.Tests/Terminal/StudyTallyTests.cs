using DistSnn.Cli.Terminal;
using DistSnn.Core.Study;
using static DistSnn.Cli.Tests.Terminal.FakeStudyExecution;

namespace DistSnn.Cli.Tests.Terminal;

public class StudyTallyTests
{
    private static StudySpec Spec(string trials, int points = 2) => StudySpecReader.ReadText(
        $"model: m\nsweep: [{{ key: crossbar.faults.stuck_off, values: [{string.Join(", ", Enumerable.Range(0, points).Select(i => i / 1000.0))}] }}]\ntrials: {trials}\n",
        "test.yaml", null, []);

    [Fact]
    public void Time_left_is_extrapolated_from_this_runs_trials_only()
    {
        var tally = new StudyTally(Spec("3"), [Trial(0, 0, 50), Trial(1, 0, 60)]);
        tally.Add(Trial(0, 1, 55));

        ProgressSnapshot s = tally.Snapshot(TimeSpan.FromSeconds(10), rows: 20);

        Assert.Equal((3, 1, 6), (s.Done, s.DoneThisRun, s.Planned));
        Assert.Equal(TimeSpan.FromSeconds(30), s.Remaining);
        Assert.Equal(2, tally.Resumed);
        Assert.Null(s.Rows[1].Remaining); // point 1 has had no trial in this run yet
    }

    [Fact]
    public void Nothing_done_in_this_run_has_no_time_left_to_tell()
    {
        var tally = new StudyTally(Spec("3"), []);
        Assert.Null(tally.Snapshot(TimeSpan.FromSeconds(5), 20).Remaining);
    }

    [Fact]
    public void An_adaptive_point_plans_its_minimum_then_its_maximum_and_its_actual_count_at_the_end()
    {
        var tally = new StudyTally(Spec("{ min: 2, max: 10, ci_halfwidth: 0.01 }"), []);
        foreach (var r in Grid(2, 2)) tally.Add(r);
        ProgressSnapshot atMin = tally.Snapshot(TimeSpan.FromSeconds(1), 20);
        tally.Add(Trial(1, 2, 70));
        ProgressSnapshot beyond = tally.Snapshot(TimeSpan.FromSeconds(2), 20);
        tally.MarkComplete();
        ProgressSnapshot end = tally.Snapshot(TimeSpan.FromSeconds(3), 20);

        Assert.Equal((4, 4, false), (atMin.Done, atMin.Planned, atMin.Adaptive));
        Assert.Equal((5, 2 + 10, true), (beyond.Done, beyond.Planned, beyond.Adaptive));
        Assert.True(beyond.Rows[1].Adaptive);
        Assert.False(beyond.Rows[0].Adaptive);
        Assert.Equal((5, 5), (end.Done, end.Planned));
        Assert.Equal(TimeSpan.Zero, end.Remaining);
    }

    [Fact]
    public void The_running_mean_and_interval_agree_with_the_point_summary()
    {
        var tally = new StudyTally(Spec("10"), []);
        int[] correct = [61, 70, 64, 59, 66];
        for (int k = 0; k < correct.Length; k++) tally.Add(Trial(1, k, correct[k]));

        PointProgress row = tally.Snapshot(TimeSpan.FromSeconds(1), 20).Rows[1];
        var summary = PointSummary.Of(1, [], correct.Select(c => c / 100.0).ToList());

        Assert.Equal(summary.Mean, row.Mean, 1e-12);
        Assert.Equal(summary.Ci95HalfWidth, row.Ci95HalfWidth, 1e-12);
        Assert.True(double.IsNaN(tally.Snapshot(TimeSpan.Zero, 20).Rows[0].Mean));
    }

    [Fact]
    public void Many_points_show_the_most_recently_active_in_point_order()
    {
        var tally = new StudyTally(Spec("2", points: 30), []);
        Assert.Equal(Enumerable.Range(0, 20), tally.Snapshot(TimeSpan.Zero, 20).Rows.Select(r => r.Point));

        foreach (var r in new[] { Trial(3, 0, 50), Trial(29, 0, 50), Trial(3, 1, 50), Trial(25, 0, 50) }) tally.Add(r);
        var shown = tally.Snapshot(TimeSpan.Zero, 20).Rows.Select(r => r.Point).ToList();

        Assert.Equal(20, shown.Count);
        Assert.Equal(shown.Order(), shown);
        Assert.Contains(29, shown);
        Assert.Contains(25, shown);
        Assert.Equal([3, 25, 29], tally.Snapshot(TimeSpan.Zero, 3).Rows.Select(r => r.Point));
        Assert.Equal(30, tally.Snapshot(TimeSpan.Zero, 3).Points);
    }

    [Theory]
    [InlineData("crossbar.device.read.sigma", "read.sigma")]
    [InlineData("crossbar.faults.stuck_off", "stuck_off")]
    [InlineData("crossbar.adc.bits", "adc.bits")]
    [InlineData("crossbar.tile.rows", "rows")]
    [InlineData("timesteps", "timesteps")]
    [InlineData("crossbar.device.programming.model", "programming.model")]
    public void Point_labels_shorten_keys_to_what_tells_them_apart(string key, string shortKey)
    {
        Assert.Equal(shortKey, PointLabel.ShortKey(key));
    }

    [Fact]
    public void The_demo_points_are_labelled_by_their_coordinates()
    {
        StudySpec demo = StudySpecReader.ReadDemo([]);
        Assert.Equal("read.sigma=0.25 stuck_off=0.03", PointLabel.Of(demo)[4]);
        StudySpec single = StudySpecReader.ReadText("model: m\n", "test.yaml", null, []);
        Assert.Equal(["point 0"], PointLabel.Of(single));
    }
}
