using System.Text.RegularExpressions;
using DistSnn.Core.Study;
using DistSnn.Runtime.Reports;

namespace DistSnn.Runtime.Tests.Reports;

public class ReportPageTests
{
    [Fact]
    public void The_page_holds_the_study_its_table_its_plots_and_its_spec()
    {
        using var directory = new TempDirectory();
        StudySpec spec = SyntheticResults.Demo();
        IReadOnlyList<PointSummary> summaries = SyntheticResults.Summaries(spec, 20);
        IReadOnlyList<string> plots = AccuracyPlots.Write(directory.Path, spec, summaries);

        string path = ReportPage.Write(directory.Path, spec, summaries, "builtin:digits-mlp (64-64-10 IF)", "digits test (597 samples)", plots);

        Assert.Equal(directory.File("report.html"), path);
        string html = File.ReadAllText(path);
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("<h1>Study demo</h1>", html);
        Assert.Contains(ResultFiles.SpecHash(spec), html);
        Assert.Contains("builtin:digits-mlp (64-64-10 IF)", html);
        Assert.Contains("digits test (597 samples)", html);
        Assert.Contains("<th>crossbar.device.read.sigma</th><th>crossbar.faults.stuck_off</th><th>trials</th>", html);
        Assert.Equal(spec.Points.Count, Regex.Matches(html, "<tr><td>").Count);
        Assert.Contains(summaries[0].Mean.ToString("F4", System.Globalization.CultureInfo.InvariantCulture), html);
        Assert.Contains("crossbar.device.read.sigma=", html);
        Assert.Contains("<th>&Delta; vs point 0</th>", html);
        Assert.Contains("<td>baseline</td>", html);
        PairedDifference d = summaries[5].PairedDifference!;
        Assert.Contains($"{d.Mean.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)} &plusmn; {d.Ci95HalfWidth.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)}", html);

        MatchCollection images = Regex.Matches(html, "src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");
        Assert.Equal(plots.Count, images.Count);
        for (int i = 0; i < plots.Count; i++)
        {
            Assert.Equal(File.ReadAllBytes(directory.File(plots[i])), Convert.FromBase64String(images[i].Groups[1].Value));
        }
    }

    [Fact]
    public void The_page_needs_nothing_from_the_network()
    {
        using var directory = new TempDirectory();
        StudySpec spec = SyntheticResults.Demo();
        IReadOnlyList<PointSummary> summaries = SyntheticResults.Summaries(spec, 20);

        string html = File.ReadAllText(ReportPage.Write(directory.Path, spec, summaries, "m", "d", AccuracyPlots.Write(directory.Path, spec, summaries)));

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
        StudySpec spec = demo with { Name = "a<b & \"c\"", CanonicalText = demo.CanonicalText + "note=<i>\n" };
        var summaries = SyntheticResults.Summaries(demo, 3)
            .Select(s => s with { Coordinates = [s.Coordinates[0], "<" + s.Coordinates[1] + ">"] }).ToList();

        string html = File.ReadAllText(ReportPage.Write(directory.Path, spec, summaries, "<model>", "<data>", []));

        Assert.Contains("Study a&lt;b &amp; &quot;c&quot;", html);
        Assert.Contains("&lt;0.03&gt;", html);
        Assert.Contains("note=&lt;i&gt;", html);
        Assert.Contains("&lt;model&gt;", html);
        Assert.DoesNotContain("a<b", html);
        Assert.DoesNotContain("<0.03>", html);
        Assert.DoesNotContain("<i>", html);
    }

    [Fact]
    public void Undefined_statistics_show_as_a_dash()
    {
        using var directory = new TempDirectory();
        StudySpec spec = SyntheticResults.Demo();

        string html = File.ReadAllText(ReportPage.Write(directory.Path, spec, SyntheticResults.Summaries(spec, 1), "m", "d", []));

        Assert.Contains("<td>&ndash;</td>", html);
        Assert.DoesNotContain("NaN", html);
    }
}
