using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace DistSnn.Cli.Tests.Dashboard;

/// <summary>
/// The live view in a real browser: headless Chromium loads the page of a running study, the numbers in its DOM
/// change while the study runs, and once it ends the page says so and shows the numbers of summary.json.
/// </summary>
public sealed class DashboardBrowserTests(ITestOutputHelper output) : IDisposable
{
    // Alone the study takes ~10 s; in CI, beside the other test classes' studies and the browser on 2 cores, it once
    // took over 180 s.
    private static readonly TimeSpan StudyLimit = TimeSpan.FromSeconds(300);
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>What the test reads from the page: the same elements a person looks at, plus their exact values.</summary>
    private const string ReadPage = """
        JSON.stringify({
          status: document.getElementById('status').dataset.status,
          done: Number(document.getElementById('done').textContent),
          planned: Number(document.getElementById('planned').textContent),
          remaining: document.getElementById('remaining').textContent,
          points: [...document.querySelectorAll('#points tbody tr')].map(r => ({
            point: Number(r.dataset.point), done: Number(r.dataset.done), mean: r.dataset.mean, low: r.dataset.ciLow, high: r.dataset.ciHigh,
            text: r.textContent })),
          workers: [...document.querySelectorAll('#workers tbody tr')].map(r => ({ name: r.dataset.worker, trials: Number(r.dataset.trials) })),
          dots: document.querySelectorAll('#chart circle').length,
          curves: document.querySelectorAll('#chart polyline').length
        })
        """;

    [ChromiumFact]
    public void The_page_follows_a_running_study_and_ends_with_the_numbers_of_its_summary()
    {
        // The browser first, so that the page is open well before the study (the demo, made longer) is over.
        using var browser = HeadlessChromium.Start();
        string outDir = _dir.Combine("out");
        using var study = new DashboardStudyProcess("--out", outDir, "--trials", "24", "--local-workers", "1");
        Uri url = study.Url(TimeSpan.FromSeconds(60));
        browser.Navigate(url);

        // First moment: some trials done, the study still running.
        JsonNode first = WaitFor(browser, study, page => (string?)page["status"] == "running" && (int)page["done"]! > 0, "a running study with trials done");
        // Second moment: more trials done (a tenth of them: the confidence intervals are drawn by then), still running.
        int firstDone = (int)first["done"]!;
        JsonNode second = WaitFor(browser, study, page => (string?)page["status"] == "running" && (int)page["done"]! > Math.Max(firstDone, 48),
            "more trials done");
        output.WriteLine($"page at two moments: {firstDone} then {(int)second["done"]!} of {(int)second["planned"]!} trials");
        Assert.Equal(288, (int)second["planned"]!);
        Assert.Equal(12, second["points"]!.AsArray().Count);
        Assert.True(second["points"]!.AsArray().Sum(p => (int)p!["done"]!) == (int)second["done"]!, "the point rows add up to the total");
        Assert.True((int)second["dots"]! > 0 && (int)second["curves"]! > 0, "the chart draws the points with trials");
        Assert.Contains(second["workers"]!.AsArray(), w => (string?)w!["name"] == "this process" && (int)w["trials"]! > 0);
        SaveScreenshot(browser.Screenshot(), "dashboard-mid-study.png");

        Assert.Equal(0, study.Exit(StudyLimit));
        JsonNode last = WaitFor(browser, study, page => (string?)page["status"] == "finished", "the finished study", studyMayEnd: true);
        Assert.Equal(288, (int)last["done"]!);
        Assert.Equal("done", (string?)last["remaining"]);
        SaveScreenshot(browser.Screenshot(), "dashboard-finished.png");

        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")))!["points"]!.AsArray();
        var rows = last["points"]!.AsArray();
        Assert.Equal(summary.Count, rows.Count);
        for (int i = 0; i < summary.Count; i++)
        {
            JsonNode expected = summary[i]!, row = rows[i]!;
            Assert.Equal((int)expected["point"]!, (int)row["point"]!);
            Assert.Equal((int)expected["trials"]!, (int)row["done"]!);
            // The page's numbers are JavaScript's shortest round-trip text of the same doubles: equal to the bit.
            Assert.Equal((double)expected["accuracy_mean"]!, double.Parse((string)row["mean"]!, CultureInfo.InvariantCulture));
            Assert.Equal((double)expected["ci95_low"]!, double.Parse((string)row["low"]!, CultureInfo.InvariantCulture));
            Assert.Equal((double)expected["ci95_high"]!, double.Parse((string)row["high"]!, CultureInfo.InvariantCulture));
            // And what a person reads: the mean as a percentage with two decimals.
            Assert.Contains(((double)expected["accuracy_mean"]! * 100).ToString("F2", CultureInfo.InvariantCulture) + " %", (string)row["text"]!);
        }
    }

    /// <summary>Polls the page until <paramref name="condition"/> holds; fails if the study ends first (unless allowed).</summary>
    private static JsonNode WaitFor(HeadlessChromium browser, DashboardStudyProcess study, Func<JsonNode, bool> condition, string what, bool studyMayEnd = false)
    {
        var clock = Stopwatch.StartNew();
        JsonNode? page = null;
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            // Before the page's script has run, there is nothing to read yet.
            if (browser.Evaluate("document.getElementById('status') ? 'ready' : ''")?.GetValue<string>() == "ready")
            {
                page = JsonNode.Parse(browser.Evaluate(ReadPage)!.GetValue<string>())!;
                if (condition(page)) return page;
            }
            Assert.False(!studyMayEnd && study.HasExited, $"the study ended before the page showed {what}; last seen: {page?.ToJsonString()}\n{study.Output}");
            Thread.Sleep(100);
        }
        throw new TimeoutException($"the page did not show {what} in 120 s; last seen: {page?.ToJsonString()}\n{study.Output}");
    }

    /// <summary>Kept only where asked (DISTSNN_SCREENSHOTS=DIR), to be looked at; tests leave nothing behind otherwise.</summary>
    private void SaveScreenshot(byte[] png, string name)
    {
        Assert.True(png.Length > 1000 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G', "a PNG screenshot");
        if (Environment.GetEnvironmentVariable("DISTSNN_SCREENSHOTS") is not { Length: > 0 } dir) return;
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, name);
        File.WriteAllBytes(path, png);
        output.WriteLine($"screenshot: {path}");
    }
}
