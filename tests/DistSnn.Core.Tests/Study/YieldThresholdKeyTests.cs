using System.Text.Json;
using DistSnn.Core.Engine;
using DistSnn.Core.Study;
using static DistSnn.Core.Tests.Study.SpecText;

namespace DistSnn.Core.Tests.Study;

/// <summary><c>yield_threshold</c>: optional, outside the spec hash, and it adds the yield to every summary.</summary>
public class YieldThresholdKeyTests
{
    private const string TwoPoints = "model: m\nsweep: [{ key: crossbar.faults.stuck_off, values: [0.0, 0.1] }]\n";

    private static TrialRecord Record(int point, int trial, int correct) => new(point, trial, new TrialResult(correct, 100));

    private static readonly TrialRecord[] Records =
        [Record(0, 0, 90), Record(0, 1, 85), Record(0, 2, 84), Record(1, 0, 70), Record(1, 1, 86), Record(1, 2, 60)];

    [Fact]
    public void It_is_absent_by_default_and_never_changes_the_spec_hash()
    {
        Assert.Null(Read(TwoPoints).YieldThreshold);
        Assert.Equal(0.85, Read(TwoPoints + "yield_threshold: 0.85\n").YieldThreshold);
        Assert.Equal(0.9, Read(TwoPoints, "yield_threshold=0.9").YieldThreshold);
        Assert.Equal(Read(TwoPoints).CanonicalText, Read(TwoPoints + "yield_threshold: 0.85\n").CanonicalText);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    [InlineData("high")]
    public void A_threshold_outside_0_to_1_is_refused_naming_the_key(string value)
    {
        InputException e = Fails(TwoPoints + $"yield_threshold: {value}\n");

        Assert.Contains("yield_threshold", e.Message);
        Assert.Contains("[0, 1]", e.Message);
    }

    [Fact]
    public void Without_a_threshold_the_summaries_have_no_yield()
    {
        StudySpec spec = Read(TwoPoints);
        var summaries = StudyRunner.Summarise(spec, Records);

        Assert.All(summaries, s => Assert.Null(s.Yield));
        Assert.DoesNotContain("yield", ResultFiles.FormatSummary(spec, summaries));
        Assert.DoesNotContain("yield", ResultFiles.FormatSummaryJson(spec, summaries, "model", "data"));
    }

    [Fact]
    public void With_a_threshold_each_point_gives_its_yield_in_summary_csv_and_summary_json()
    {
        StudySpec spec = Read(TwoPoints + "yield_threshold: 0.85\n");
        var summaries = StudyRunner.Summarise(spec, Records);

        Assert.Equal(2, summaries[0].Yield!.Passing);
        Assert.Equal(1, summaries[1].Yield!.Passing);
        Assert.Equal(ClopperPearson.Interval(2, 3), (summaries[0].Yield!.Ci95Low, summaries[0].Yield!.Ci95High));

        string[] lines = ResultFiles.FormatSummary(spec, summaries).TrimEnd('\n').Split('\n');
        Assert.EndsWith(",paired_diff_pairs,yield_threshold,yield_passing,yield,yield_ci95_low,yield_ci95_high", lines[0]);
        string[] row = lines[2].Split(',');
        Assert.Equal(["0.85", "1", ResultFiles.Number(1.0 / 3), ResultFiles.Number(summaries[1].Yield!.Ci95Low), ResultFiles.Number(summaries[1].Yield!.Ci95High)], row[^5..]);

        using var json = JsonDocument.Parse(ResultFiles.FormatSummaryJson(spec, summaries, "model", "data"));
        JsonElement y = json.RootElement.GetProperty("points")[0].GetProperty("yield");
        Assert.Equal(0.85, y.GetProperty("threshold").GetDouble());
        Assert.Equal(3, y.GetProperty("chips").GetInt32());
        Assert.Equal(2, y.GetProperty("passing").GetInt32());
        Assert.Equal(2.0 / 3, y.GetProperty("fraction").GetDouble());
        Assert.Equal(summaries[0].Yield!.Ci95High, y.GetProperty("ci95_high").GetDouble());
    }
}
