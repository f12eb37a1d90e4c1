using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using DistSnn.Core.Study;
using DistSnn.Runtime.Reports;

namespace DistSnn.Runtime.Tests.Reports;

public class ReportPageTests
{
    private static readonly RunDescription Run = new(
        new DateTimeOffset(2026, 12, 2, 5, 30, 7, TimeSpan.Zero), TimeSpan.FromSeconds(83.4), "2 local worker thread(s)",
        new BuildVersion("1.0.0", "ede1447c2273"), "2 cores, Test CPU 3000, Debian GNU/Linux 13, .NET 10.0.0");

    private static string Page(StudySpec spec, IReadOnlyList<PointSummary> summaries, TempDirectory directory,
        AccuracyReferences? references = null, RunDescription? run = null, IReadOnlyList<string>? plots = null) =>
        File.ReadAllText(ReportPage.Write(directory.Path, spec, summaries, "m", "d", plots ?? [], run ?? Run, references));

    [Fact]
    public void The_page_holds_the_study_its_table_its_plots_and_its_spec()
    {
        using var directory = new TempDirectory();
        StudySpec spec = SyntheticResults.Demo();
        IReadOnlyList<PointSummary> summaries = SyntheticResults.Summaries(spec, 20);
        IReadOnlyList<string> plots = StudyPlots.Write(directory.Path, spec, summaries, AccuracyReferences.None);

        string path = ReportPage.Write(directory.Path, spec, summaries, "builtin:digits-mlp (64-64-10 IF)", "digits test (597 samples)", plots);

        Assert.Equal(directory.File("report.html"), path);
        string html = File.ReadAllText(path);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<h1>Study demo</h1>", html);
        Assert.Contains(ResultFiles.SpecHash(spec), html);
        Assert.Contains("builtin:digits-mlp (64-64-10 IF)", html);
        Assert.Contains("digits test (597 samples)", html);
        Assert.Contains("<th class=\"text\" title=\"crossbar.device.read.sigma\">read noise σ (relative)</th><th class=\"text\" title=\"crossbar.faults.stuck_off\">stuck-at-off probability</th><th>trials</th>", html);
        // One row per point in the accuracy table, and one in the table of what the chips were.
        Assert.Equal(2 * spec.Points.Count, Regex.Matches(html, "<tr><td>").Count);
        Assert.Contains("<h2>What the chips were</h2>", html);
        Assert.Contains(summaries[0].Mean.ToString("F4", CultureInfo.InvariantCulture), html);
        Assert.Contains("<th>&Delta; vs point 0</th>", html);
        Assert.Contains("<td class=\"difference\">baseline</td>", html);
        PairedDifference d = summaries[5].PairedDifference!;
        Assert.Contains($"{F(d.Mean)}</span> <span class=\"nowrap\">&plusmn; {F(d.Ci95HalfWidth)}</span> <span class=\"nowrap pairs\">n = {d.Pairs}</span>", html);

        MatchCollection images = Regex.Matches(html, "src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");
        Assert.Equal(plots.Count, images.Count);
        for (int i = 0; i < plots.Count; i++)
        {
            Assert.Equal(File.ReadAllBytes(directory.File(plots[i])), Convert.FromBase64String(images[i].Groups[1].Value));
            Assert.Contains($"<a href=\"{Path.ChangeExtension(plots[i], ".svg")}\">", html);
        }
    }

    [Fact]
    public void The_page_fits_any_width_only_the_table_and_the_spec_scroll_inside_their_boxes()
    {
        using var directory = new TempDirectory();
        StudySpec spec = SyntheticResults.Demo();

        string html = Page(spec, SyntheticResults.Summaries(spec, 20), directory);

        Assert.Contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", html);
        // Every table sits alone in a wrapper that may scroll sideways and is never wider than the page.
        Assert.Equal(Regex.Matches(html, "<table").Count, Regex.Matches(html, "<div class=\"table-wrap\">\n<table>").Count);
        Assert.Equal(Regex.Matches(html, "</table>").Count, Regex.Matches(html, "</table>\n</div>").Count);
        Assert.Matches(@"\.table-wrap \{[^}]*max-width: 100%;[^}]*overflow-x: auto;", ReportPage.Css);
        Assert.Matches(@"pre \{[^}]*max-width: 100%;[^}]*overflow-x: auto;", ReportPage.Css);
        Assert.Matches(@"img \{[^}]*max-width: 100%;", ReportPage.Css);
        // Long words (hashes, paths) wrap instead of widening the page; a fixed width anywhere would defeat that.
        Assert.Matches(@"body \{[^}]*overflow-wrap: anywhere;", ReportPage.Css);
        Assert.Matches(@"dl \{[^}]*minmax\(0, 1fr\)", ReportPage.Css);
        Assert.DoesNotMatch(@"(?<!max-)width: *\d+(px|em)", ReportPage.Css);
        // Numbers never break inside; the difference column may wrap between its mean, CI and pair count.
        Assert.Matches(@"th, td \{[^}]*overflow-wrap: normal;", ReportPage.Css);
        Assert.Matches(@"td \{ white-space: nowrap; \}", ReportPage.Css);
        Assert.Matches(@"td\.difference \{ white-space: normal; \}", ReportPage.Css);
    }

    [Fact]
    public void The_header_says_when_with_which_build_for_how_long_where_and_on_what_the_study_ran()
    {
        using var directory = new TempDirectory();
        StudySpec spec = SyntheticResults.Demo();

        string html = WebUtility.HtmlDecode(Page(spec, SyntheticResults.Summaries(spec, 3), directory));

        Assert.Contains("<dt>Date</dt><dd>2026-12-02 05:30:07 UTC</dd>", html);
        Assert.Contains("<dt>DistSnn</dt><dd>version 1.0.0, commit ede1447c2273</dd>", html);
        Assert.Contains("<dt>Run time</dt><dd>1 min 23 s</dd>", html);
        Assert.Contains("<dt>Machine</dt><dd>2 cores, Test CPU 3000, Debian GNU/Linux 13, .NET 10.0.0</dd>", html);
        Assert.Contains("<dt>Workers</dt><dd>2 local worker thread(s)</dd>", html);
    }

    [Fact]
    public void The_ideal_device_and_software_accuracies_are_shown_or_said_to_be_missing()
    {
        using var directory = new TempDirectory();
        StudySpec spec = SyntheticResults.Demo();
        var summaries = SyntheticResults.Summaries(spec, 3);

        string with = WebUtility.HtmlDecode(Page(spec, summaries, directory, new AccuracyReferences(0.9481, 0.9531)));
        string off = WebUtility.HtmlDecode(Page(spec with { IdealReference = false }, summaries, directory));

        Assert.Contains("<dt>Ideal-device accuracy</dt><dd>0.9481 (", with);
        Assert.Contains("<dt>Software accuracy</dt><dd>0.9531 (", with);
        Assert.Contains("<dt>Ideal-device accuracy</dt><dd>not computed (report.ideal_reference: false)</dd>", off);
        Assert.Contains("<dt>Software accuracy</dt><dd>not in the model's metadata</dd>", off);
    }

    [Fact]
    public void The_spec_is_shown_as_yaml_not_as_key_value_lines()
    {
        using var directory = new TempDirectory();
        StudySpec spec = SyntheticResults.Demo();

        string html = WebUtility.HtmlDecode(Page(spec, SyntheticResults.Summaries(spec, 3), directory));
        string pre = Regex.Match(html, "<pre>(.*?)</pre>", RegexOptions.Singleline).Groups[1].Value;

        Assert.Equal(SpecYaml.Format(spec), pre);
        Assert.Contains("crossbar:\n  tile:\n    rows: 32\n", pre);
        Assert.DoesNotContain("crossbar.tile.rows=", pre);
    }

    [Fact]
    public void The_page_needs_nothing_from_the_network()
    {
        using var directory = new TempDirectory();
        StudySpec spec = SyntheticResults.Demo();
        IReadOnlyList<PointSummary> summaries = SyntheticResults.Summaries(spec, 20);

        string html = Page(spec, summaries, directory, plots: StudyPlots.Write(directory.Path, spec, summaries, AccuracyReferences.None));

        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<link", html);
    }

    [Fact]
    public void Text_from_the_study_is_escaped()
    {
        using var directory = new TempDirectory();
        StudySpec demo = SyntheticResults.Demo();
        StudySpec spec = demo with { Name = "a<b & \"c\"", EffectiveText = demo.EffectiveText + "note=<i>\n" };
        var summaries = SyntheticResults.Summaries(demo, 3)
            .Select(s => s with { Coordinates = [s.Coordinates[0], "<" + s.Coordinates[1] + ">"] }).ToList();

        string html = File.ReadAllText(ReportPage.Write(directory.Path, spec, summaries, "<model>", "<data>", [],
            Run with { Machine = "<machine>" }));

        Assert.Contains("Study a&lt;b &amp; &quot;c&quot;", html);
        Assert.Contains("&lt;0.03&gt;", html);
        Assert.Contains("note: &#39;&lt;i&gt;&#39;", html);
        Assert.Contains("&lt;model&gt;", html);
        Assert.Contains("&lt;machine&gt;", html);
        Assert.DoesNotContain("a<b", html);
        Assert.DoesNotContain("<0.03>", html);
        Assert.DoesNotContain("<i>", html);
        Assert.DoesNotContain("<machine>", html);
    }

    [Fact]
    public void Undefined_statistics_show_as_a_dash()
    {
        using var directory = new TempDirectory();
        StudySpec spec = SyntheticResults.Demo();

        string html = Page(spec, SyntheticResults.Summaries(spec, 1), directory);

        Assert.Contains("<td>&ndash;</td>", html);
        Assert.DoesNotContain("NaN", html);
    }

    private static string F(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
