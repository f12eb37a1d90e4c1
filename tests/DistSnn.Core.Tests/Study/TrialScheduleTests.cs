using DistSnn.Core.Engine;
using DistSnn.Core.Study;

namespace DistSnn.Core.Tests.Study;

public class TrialScheduleTests
{
    private static StudySpec Spec(TrialCount trials, int points = 2) =>
        StudySpecReader.ReadDemo([$"sweep=[{{key: crossbar.faults.stuck_off, values: [{string.Join(", ", Enumerable.Range(0, points).Select(p => p * 0.01))}]}}]"]) with
        { Trials = trials };

    private static TrialRecord Record(int point, int trial, int correct) => new(point, trial, new TrialResult(correct, 100));

    [Fact]
    public void Fixed_counts_are_one_trial_major_round()
    {
        var schedule = new TrialSchedule(Spec(TrialCount.Fixed(3)));
        Assert.Equal([(0, 0), (1, 0), (0, 1), (1, 1), (0, 2), (1, 2)], schedule.NextRound());
        Assert.Empty(schedule.NextRound());
        Assert.True(schedule.IsFinished);
    }

    [Fact]
    public void Adaptive_counts_double_until_the_target_or_the_maximum()
    {
        var schedule = new TrialSchedule(Spec(new TrialCount(2, 8, 0.01)));
        // Point 0 never varies (stops at the minimum); point 1 always spreads (goes to the maximum).
        int Correct(int point, int trial) => point == 0 ? 90 : 60 + 20 * (trial % 2);
        var sizes = new List<int>();
        for (var work = schedule.NextRound(); work.Count > 0; work = schedule.NextRound())
        {
            sizes.Add(work.Count);
            foreach (var (p, t) in work) Assert.True(schedule.Complete(Record(p, t, Correct(p, t))));
        }
        Assert.Equal([4, 2, 4], sizes);
        Assert.Equal(2, schedule.Planned(0));
        Assert.Equal(8, schedule.Planned(1));
        Assert.False(schedule.Complete(Record(1, 0, 60)), "a late duplicate is not counted twice");
    }

    [Fact]
    public void Trials_already_done_are_not_handed_out_again()
    {
        var done = new[] { Record(0, 0, 50), Record(1, 1, 50) };
        var schedule = new TrialSchedule(Spec(TrialCount.Fixed(2)), done);
        Assert.Equal([(1, 0), (0, 1)], schedule.NextRound());
    }
}
