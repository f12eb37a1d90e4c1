using System.Globalization;
using DistSnn.Cli.Terminal;
using DistSnn.Core.Engine;
using DistSnn.Core.Study;
using Spectre.Console;
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

    /// <summary>The table as a terminal of <paramref name="width"/> columns shows it.</summary>
    private static string WriteAt(int width, StudySpec spec, IReadOnlyList<PointSummary> summaries)
    {
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(text),
            Interactive = InteractionSupport.No,
            Ansi = AnsiSupport.No,
        });
        console.Profile.Width = width;
        SummaryTable.Write(console, spec, summaries);
        return text.ToString();
    }

    /// <summary>Adaptive-looking records: point p ran 20 - p trials of 597 samples, with ADC clipping when asked.</summary>
    /// <summary>One layer that converted and clipped this much.</summary>
    private static Core.Trial.ChipCounters Adc(long clipped, long conversions)
    {
        var counters = new Core.Trial.ChipCounters(1);
        counters.Add(0, Core.Trial.ChipCounter.AdcConversions, conversions);
        counters.Add(0, Core.Trial.ChipCounter.AdcClipped, clipped);
        return counters;
    }

    private static List<TrialRecord> Uneven(StudySpec spec, bool adc = false)
    {
        var records = new List<TrialRecord>();
        foreach (StudyPoint point in spec.Points)
            for (int t = 0; t < 20 - point.Index % 7; t++)
                records.Add(new TrialRecord(point.Index, t, new TrialResult(520 - 7 * point.Index + (t * 13 % 9), 597, Adc(adc ? t : 0, adc ? 1000 : 0))));
        return records;
    }

    [Theory]
    [InlineData("builtin:demo", false)]
    [InlineData("builtin:demo", true)]
    [InlineData("three-axes", false)]
    public void At_80_columns_the_table_fits_and_no_number_is_split(string which, bool adc)
    {
        StudySpec spec = which == "builtin:demo"
            ? StudySpecReader.ReadDemo([])
            : StudySpecReader.ReadText("""
                model: m
                sweep:
                  - { key: crossbar.device.read.sigma, values: [0.0, 0.25, 0.5] }
                  - { key: crossbar.device.programming.sigma, values: [0.0, 0.05] }
                  - { key: crossbar.faults.stuck_off, values: [0.0, 0.03] }
                baseline: 1
                """, "test.yaml", null, []);
        IReadOnlyList<PointSummary> summaries = StudyRunner.Summarise(spec, Uneven(spec, adc));

        string text = WriteAt(80, spec, summaries);

        string[] lines = text.Split('\n');
        Assert.All(lines, line => Assert.True(line.Length <= 80, $"{line.Length} columns: {line}"));
        // Whole numbers on one line: every mean and every paired difference appears intact.
        foreach (PointSummary s in summaries)
        {
            Assert.Contains(s.Mean.ToString("F4", CultureInfo.InvariantCulture), text);
            if (s.Point != spec.Baseline)
                Assert.Contains(s.PairedDifference!.Mean.ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture), text);
        }
        Assert.Contains("pairs", text);
        Assert.Contains("stuck_off", text);
        Assert.DoesNotContain("crossbar.", text); // keys shortened
        if (adc) Assert.Contains("ADC", text);
    }

    [Fact]
    public void The_pair_count_is_the_trials_both_points_ran_not_the_points_own()
    {
        StudySpec spec = StudySpecReader.ReadText(
            "model: m\nsweep: [{ key: crossbar.faults.stuck_off, values: [0.0, 0.1] }]\n", "test.yaml", null, []);
        TrialRecord[] records = [Trial(0, 0, 80), Trial(0, 1, 70), Trial(0, 2, 75), Trial(1, 0, 78), Trial(1, 1, 69)];
        IReadOnlyList<PointSummary> summaries = StudyRunner.Summarise(spec, records);

        string text = WriteAt(80, spec, summaries);

        Assert.Equal(2, summaries[1].DifferencePairs);
        string row = text.Split('\n').First(l => l.Contains("-0.0150", StringComparison.Ordinal));
        // point 1: 2 trials, and its difference rests on the 2 pairs (trials 0 and 1), not on point 0's 3 trials.
        Assert.Matches(@"│\s+2\s*│[^│]*│[^│]*│.*-0\.0150.*│\s+2\s*│", row);
        Assert.Equal(3, summaries[0].DifferencePairs);
    }

    [Fact]
    public void A_wide_console_keeps_min_and_max()
    {
        StudySpec spec = StudySpecReader.ReadDemo([]);
        IReadOnlyList<PointSummary> summaries = StudyRunner.Summarise(spec, Uneven(spec));

        Assert.Contains("max", WriteAt(160, spec, summaries));
        Assert.DoesNotContain("max", WriteAt(80, spec, summaries));
    }
}
