using DistSnn.Cli.Terminal;
using DistSnn.Core.Study;
using Spectre.Console;
using static DistSnn.Cli.Tests.Terminal.FakeStudyExecution;

namespace DistSnn.Cli.Tests.Terminal;

public class ProgressTableTests
{
    /// <summary>What the live display draws for one snapshot, as plain text.</summary>
    private static string Render(ProgressSnapshot snapshot)
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(text),
            Ansi = AnsiSupport.No,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 160;
        console.Write(ProgressTable.Of("demo", snapshot));
        return text.ToString();
    }

    [Fact]
    public void Each_point_has_its_label_count_and_accuracy_and_the_footer_the_whole_study()
    {
        StudySpec demo = StudySpecReader.ReadDemo([]);
        var tally = new StudyTally(demo, []);
        tally.Add(Trial(4, 0, 80));
        tally.Add(Trial(4, 1, 90));

        string text = Render(tally.Snapshot(TimeSpan.FromSeconds(4), 20));

        Assert.Contains("study demo: 4 s elapsed", text);
        Assert.Contains("read.sigma=0.25 stuck_off=0.03", text);
        Assert.Contains("2/20", text);
        Assert.Contains("0.8500 ± 0.6353", text); // 0.85 ± t(0.975, 1) * 0.0707 / sqrt 2 = 12.706 * 0.05
        Assert.Contains("all 12 point(s)", text);
        Assert.Contains("2/240", text);
        Assert.Contains("8 min", text); // 238 trials left at 2 per 4 s: 476 s
        Assert.DoesNotContain("most recently active", text);
    }

    [Fact]
    public void A_large_grid_says_which_points_it_shows()
    {
        StudySpec spec = StudySpecReader.ReadText(
            "model: m\nsweep: [{ key: crossbar.faults.stuck_off, values: [" + string.Join(", ", Enumerable.Range(0, 40).Select(i => i / 1000.0)) + "] }]\ntrials: 2\n",
            "test.yaml", null, []);
        var tally = new StudyTally(spec, []);

        string text = Render(tally.Snapshot(TimeSpan.FromSeconds(1), 20));

        Assert.Contains("the 20 most recently active of 40 points", text);
        Assert.Contains("0/80", text);
    }
}
