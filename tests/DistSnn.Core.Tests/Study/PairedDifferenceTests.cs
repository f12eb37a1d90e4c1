using System.Text.Json;
using DistSnn.Core.Engine;
using DistSnn.Core.Study;
using static DistSnn.Core.Tests.Study.SpecText;

namespace DistSnn.Core.Tests.Study;

public class PairedDifferenceTests
{
    private const string TwoPoints = "model: m\nsweep: [{ key: crossbar.faults.stuck_off, values: [0.0, 0.1] }]\n";

    private static TrialRecord Record(int point, int trial, int correct, int total = 100) =>
        new(point, trial, new TrialResult(correct, total));

    [Fact]
    public void A_hand_computed_example_pairs_trials_by_index()
    {
        TrialRecord[] records =
        [
            Record(0, 0, 80), Record(0, 1, 70), Record(0, 2, 90), Record(0, 3, 60), Record(0, 5, 10),
            Record(1, 3, 60), Record(1, 0, 78), Record(1, 2, 85), Record(1, 1, 69), Record(1, 4, 99),
        ];

        var d = PairedDifference.Of(1, 0, records);

        // Trials 0..3 are at both points: d = -0.02, -0.01, -0.05, 0; trial 4 and 5 have no partner.
        // mean -0.02; squares 0 + 1e-4 + 9e-4 + 4e-4 over n - 1 = 3; t(0.975, 3) = 3.182446305284263.
        double std = Math.Sqrt(14e-4 / 3);
        double half = 3.182446305284263 * std / 2;
        Assert.Equal(1, d.Point);
        Assert.Equal(0, d.Baseline);
        Assert.Equal(4, d.Pairs);
        Assert.Equal(-0.02, d.Mean, 1e-12);
        Assert.Equal(std, d.Std, 1e-12);
        Assert.Equal(std / 2, d.StandardError, 1e-12);
        Assert.Equal(-0.02 - half, d.Ci95Low, 1e-9);
        Assert.Equal(-0.02 + half, d.Ci95High, 1e-9);
        Assert.Equal(half, d.Ci95HalfWidth, 1e-9);
    }

    [Fact]
    public void Paired_interval_is_far_narrower_than_the_unpaired_one_for_correlated_trials()
    {
        // Chips differ a lot (0.5..0.9) but point 1 is each chip's accuracy minus 0.01, give or take 0.001.
        var random = new System.Random(7);
        const int Total = 1_000_000;
        var records = new List<TrialRecord>();
        for (int k = 0; k < 30; k++)
        {
            double chip = 0.5 + 0.4 * random.NextDouble();
            double shifted = chip - 0.01 + 0.001 * (random.NextDouble() - 0.5);
            records.Add(Record(0, k, (int)Math.Round(chip * Total), Total));
            records.Add(Record(1, k, (int)Math.Round(shifted * Total), Total));
        }
        StudySpec spec = Read(TwoPoints);
        var summaries = StudyRunner.Summarise(spec, records);

        PairedDifference paired = summaries[1].PairedDifference!;
        double unpairedHalf = StudentT.Quantile(0.975, 29)
            * Math.Sqrt(Math.Pow(summaries[0].StandardError, 2) + Math.Pow(summaries[1].StandardError, 2));

        Assert.Equal(30, paired.Pairs);
        Assert.True(paired.Ci95HalfWidth < unpairedHalf / 50, $"paired ±{paired.Ci95HalfWidth}, unpaired ±{unpairedHalf}");
        Assert.InRange(-0.01, paired.Ci95Low, paired.Ci95High);
        Assert.True(paired.Ci95High < 0, "the paired interval excludes no difference");
        // Unpaired, the same data cannot tell the two points apart.
        Assert.True(unpairedHalf > 0.01);
    }

    [Fact]
    public void The_baseline_compared_with_itself_is_exactly_zero_and_one_pair_has_no_spread()
    {
        StudySpec spec = Read(TwoPoints);
        var differences = PairedDifference.ForEveryPoint(spec, [Record(0, 0, 50), Record(0, 1, 60), Record(1, 1, 40)]);

        Assert.Equal([0, 1], differences.Select(d => d.Point));
        Assert.Equal(2, differences[0].Pairs);
        Assert.Equal(0.0, differences[0].Mean);
        Assert.Equal(0.0, differences[0].Ci95HalfWidth);
        Assert.Equal(1, differences[1].Pairs);
        Assert.Equal(-0.2, differences[1].Mean, 1e-12);
        Assert.True(double.IsNaN(differences[1].Std));
        Assert.True(double.IsNaN(differences[1].Ci95Low));
    }

    [Fact]
    public void No_common_trials_give_no_pairs()
    {
        var d = PairedDifference.Of(1, 0, [Record(0, 0, 50), Record(1, 1, 40)]);

        Assert.Equal(0, d.Pairs);
        Assert.True(double.IsNaN(d.Mean));
    }

    [Fact]
    public void The_baseline_defaults_to_point_0_and_can_be_set_in_the_spec_or_on_the_command_line()
    {
        Assert.Equal(0, Read(TwoPoints).Baseline);
        Assert.Equal(1, Read(TwoPoints + "baseline: 1\n").Baseline);
        Assert.Equal(1, Read(TwoPoints, "baseline=1").Baseline);

        var differences = PairedDifference.ForEveryPoint(Read(TwoPoints + "baseline: 1\n"), [Record(0, 0, 50), Record(1, 0, 40)]);
        Assert.All(differences, d => Assert.Equal(1, d.Baseline));
        Assert.Equal(0.1, differences[0].Mean, 1e-12);
    }

    [Theory]
    [InlineData("baseline: 2\n", "baseline (line 3)", "expected a sweep point index in 0..1 (the study has 2 point(s)), got 2")]
    [InlineData("baseline: -1\n", "baseline (line 3)", "expected an integer >= 0, got -1")]
    [InlineData("baseline: first\n", "baseline (line 3)", "expected an integer in 0..99999, got 'first'")]
    public void A_baseline_that_is_not_a_point_is_bad_input(string line, string field, string expectation)
    {
        var error = Fails(TwoPoints + line);

        Assert.Equal(Origin, error.Origin);
        Assert.Equal(field, error.Field);
        Assert.Equal(expectation, error.Expectation);
    }

    [Fact]
    public void A_baseline_without_a_sweep_must_be_0_and_cannot_be_swept()
    {
        var single = Fails("model: m\n", "baseline=1");
        Assert.Equal("--set baseline", single.Field);
        Assert.Equal("expected a sweep point index in 0..0 (the study has 1 point(s)), got 1", single.Expectation);
        var error = Fails("model: m\nsweep: [{ key: baseline, values: [0, 1] }]\n");
        Assert.Equal("sweep[0].key (line 2)", error.Field);
        Assert.StartsWith("baseline cannot be swept", error.Expectation);
    }

    [Fact]
    public void The_baseline_is_in_the_canonical_text_only_when_written()
    {
        Assert.DoesNotContain("baseline", Read(TwoPoints).CanonicalText);
        Assert.Contains("baseline=0\n", Read(TwoPoints + "baseline: 0\n").CanonicalText);
        Assert.Contains("baseline=1\n", Read(TwoPoints, "baseline=1").CanonicalText);
    }

    [Fact]
    public void Summary_json_and_summary_csv_hold_each_points_paired_difference_and_its_pair_count()
    {
        StudySpec spec = Read(TwoPoints + "baseline: 1\n");
        var summaries = StudyRunner.Summarise(spec, [Record(0, 0, 50), Record(0, 1, 60), Record(1, 0, 40), Record(1, 1, 45), Record(1, 2, 45)]);

        using var json = JsonDocument.Parse(ResultFiles.FormatSummaryJson(spec, summaries, "model", "data"));
        var points = json.RootElement.GetProperty("points");
        JsonElement first = points[0].GetProperty("paired_difference");
        Assert.Equal(1, first.GetProperty("baseline").GetInt32());
        Assert.Equal(2, first.GetProperty("trials").GetInt32());
        Assert.Equal(0.125, first.GetProperty("mean").GetDouble(), 1e-12);
        Assert.Equal(summaries[0].PairedDifference!.Std, first.GetProperty("std").GetDouble());
        Assert.Equal(summaries[0].PairedDifference!.StandardError, first.GetProperty("se").GetDouble());
        Assert.True(first.GetProperty("ci95_low").GetDouble() < 0.125);
        Assert.True(first.GetProperty("ci95_high").GetDouble() > 0.125);
        JsonElement itself = points[1].GetProperty("paired_difference");
        Assert.Equal(3, itself.GetProperty("trials").GetInt32());
        Assert.Equal(0.0, itself.GetProperty("mean").GetDouble());

        string csv = ResultFiles.FormatSummary(spec, summaries);
        string[] lines = csv.TrimEnd('\n').Split('\n');
        Assert.Equal("point,crossbar.faults.stuck_off,trials,accuracy_mean,accuracy_std,ci95_low,ci95_high," +
            "accuracy_se,paired_diff_mean,paired_diff_ci95_low,paired_diff_ci95_high,paired_diff_pairs", lines[0]);
        string[] row = lines[1].Split(',');
        // Point 0 has 2 trials, the baseline 3: the difference pairs 2, and says so.
        Assert.Equal("2", row[2]);
        Assert.Equal(ResultFiles.Number(summaries[0].StandardError), row[7]);
        Assert.Equal(ResultFiles.Number(summaries[0].PairedDifference!.Mean), row[8]);
        Assert.Equal(first.GetProperty("ci95_low").GetDouble(), double.Parse(row[9], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(first.GetProperty("ci95_high").GetDouble(), double.Parse(row[10], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("2", row[11]);
        Assert.Equal(2, first.GetProperty("pairs").GetInt32());
        Assert.Equal("3", lines[2].Split(',')[11]);
        Assert.Equal(2, summaries[0].DifferencePairs);
    }

    [Fact]
    public void Summary_json_writes_undefined_paired_numbers_as_null()
    {
        StudySpec spec = Read(TwoPoints);
        var summaries = StudyRunner.Summarise(spec, [Record(0, 0, 50), Record(1, 0, 40)]);

        using var json = JsonDocument.Parse(ResultFiles.FormatSummaryJson(spec, summaries, "model", "data"));
        JsonElement d = json.RootElement.GetProperty("points")[1].GetProperty("paired_difference");
        Assert.Equal(1, d.GetProperty("trials").GetInt32());
        Assert.Equal(-0.1, d.GetProperty("mean").GetDouble(), 1e-12);
        foreach (string key in new[] { "std", "se", "ci95_low", "ci95_high" })
            Assert.Equal(JsonValueKind.Null, d.GetProperty(key).ValueKind);
    }
}
