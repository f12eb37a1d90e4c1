using DistSnn.Cli.Terminal;
using DistSnn.Core.Study;
using static DistSnn.Cli.Tests.Terminal.FakeStudyExecution;

namespace DistSnn.Cli.Tests.Terminal;

public class SummaryTableTests
{
    private static string Write(StudySpec spec, IReadOnlyList<TrialRecord> records)
    {
        var text = new StringWriter();
        SummaryTable.Write(text, spec, StudyRunner.Summarise(spec, records));
        return text.ToString();
    }

    [Fact]
    public void The_table_has_each_points_paired_difference_to_the_baseline()
    {
        StudySpec spec = StudySpecReader.ReadText(
            "model: m\nsweep: [{ key: crossbar.faults.stuck_off, values: [0.0, 0.1, 0.2] }]\nbaseline: 1\n", "test.yaml", null, []);
        TrialRecord[] records =
        [
            Trial(0, 0, 80), Trial(0, 1, 70),
            Trial(1, 0, 78), Trial(1, 1, 69),
            Trial(2, 0, 70),
        ];

        string text = Write(spec, records);

        Assert.Contains("Δ vs point 1", text);
        // Point 0 minus point 1: +0.02 and +0.01, mean +0.015, half-width t(0.975, 1) * 0.00707 / sqrt 2 = 0.0635.
        Assert.Contains("+0.0150 ± 0.0635", text);
        Assert.Contains("baseline", text);
        Assert.Contains("-0.0800", text); // one pair: no interval
    }

    [Fact]
    public void A_single_point_has_no_difference_column()
    {
        StudySpec spec = StudySpecReader.ReadText("model: m\n", "test.yaml", null, []);

        string text = Write(spec, [Trial(0, 0, 80), Trial(0, 1, 70)]);

        Assert.DoesNotContain("Δ vs", text);
    }
}
