using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace DistSnn.Cli.Tests.Dashboard;

/// <summary>The live view's server-sent events, read with a plain HttpClient: the wire format a browser's EventSource expects.</summary>
public sealed class DashboardEventsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string Spec = """
        name: events
        seed: 3
        model: builtin:digits-mlp
        data: { source: digits, limit: 60 }
        timesteps: 8
        crossbar:
          tile: { rows: 32, cols: 32 }
          device: { read: { sigma: 0.2 } }
        sweep:
          - { key: crossbar.device.read.sigma, values: [0.0, 0.3] }
        trials: 12
        """;

    [Fact]
    public async Task The_events_are_state_events_with_one_json_line_each_ending_with_the_final_one()
    {
        using var study = new DashboardStudyProcess(_dir.File("spec.yaml", Spec), "--out", _dir.Combine("out"), "--local-workers", "1", "--quiet");
        Uri url = study.Url(TimeSpan.FromSeconds(60));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };

        using var response = await http.GetAsync(new Uri(url, "events"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        var states = new List<JsonNode>();
        var arrivals = new List<TimeSpan>();
        var clock = Stopwatch.StartNew();
        var block = new List<string>();
        // Each event: "event: state", one "data: {json}" line, a blank line. The server ends the stream after the final one.
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length > 0)
            {
                block.Add(line);
                continue;
            }
            Assert.Equal(2, block.Count);
            Assert.Equal("event: state", block[0]);
            Assert.StartsWith("data: {", block[1]);
            states.Add(JsonNode.Parse(block[1]["data: ".Length..])!);
            arrivals.Add(clock.Elapsed);
            block.Clear();
        }
        Assert.Empty(block);
        Assert.Equal(0, study.Exit(TimeSpan.FromSeconds(120)));

        Assert.True(states.Count >= 2, $"{states.Count} state(s)");
        JsonNode last = states[^1];
        Assert.True((bool)last["final"]!);
        Assert.Equal("finished", (string?)last["status"]);
        Assert.Equal(24, (int)last["done"]!);
        Assert.Equal(24, (int)last["planned"]!);
        Assert.Equal(["crossbar.device.read.sigma"], last["keys"]!.AsArray().Select(k => (string)k!));
        // Named as the terminal table and the plots name them.
        Assert.Equal(["read.sigma"], last["shortKeys"]!.AsArray().Select(k => (string)k!));
        Assert.Equal(["read noise σ (relative)"], last["labels"]!.AsArray().Select(k => (string)k!));
        Assert.Equal(["0", "0.3"], last["points"]!.AsArray().Select(p => (string)p!["coordinates"]![0]!));
        Assert.All(states.SkipLast(1), s => Assert.False((bool)s["final"]!));
        // Trials done never go back, and the states come at most about four a second, however fast the trials.
        Assert.Equal(states.Select(s => (int)s["done"]!).Order(), states.Select(s => (int)s["done"]!));
        for (int i = 2; i < arrivals.Count - 1; i++)
            Assert.True(arrivals[i] - arrivals[i - 2] > TimeSpan.FromMilliseconds(300), $"states {i - 2} and {i} arrived {(arrivals[i] - arrivals[i - 2]).TotalMilliseconds} ms apart");
    }

    [Fact]
    public async Task A_request_that_names_another_host_is_refused()
    {
        using var study = new DashboardStudyProcess(_dir.File("spec.yaml", Spec.Replace("trials: 12", "trials: 40")), "--out", _dir.Combine("out"), "--local-workers", "1", "--quiet");
        Uri url = study.Url(TimeSpan.FromSeconds(60));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        using var own = await http.GetAsync(new Uri(url, "state"));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("events", (string?)JsonNode.Parse(await own.Content.ReadAsStringAsync())!["study"]);
        // A page elsewhere that pointed its own name at 127.0.0.1 (DNS rebinding) sends that name.
        using var rebound = new HttpRequestMessage(HttpMethod.Get, new Uri(url, "state"));
        rebound.Headers.Host = "attacker.example";
        using var refused = await http.SendAsync(rebound);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, refused.StatusCode);
        using var page = await http.GetAsync(url);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        string html = await page.Content.ReadAsStringAsync();
        // Offline: nothing loaded from elsewhere.
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", ""));
        Assert.DoesNotContain("https://", html);
    }
}
