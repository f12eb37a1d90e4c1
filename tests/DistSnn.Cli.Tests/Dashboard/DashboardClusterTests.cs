using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DistSnn.Cli.Tests.Dashboard;

/// <summary>The live view of a cluster study: the joined worker that ran the trials is a row of its own.</summary>
public sealed class DashboardClusterTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ClusterProcesses _cluster = new();

    public void Dispose()
    {
        _cluster.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_joined_worker_shows_with_its_address_its_trials_and_its_throughput()
    {
        string spec = _dir.File("cluster.yaml", ClusterProcesses.ShortStudy.Replace("trials: 2", "trials: 4"));
        int port = ClusterProcesses.FreePort();
        Process coordinator = _cluster.StartCoordinator(_dir.Combine("cache-c"), spec, _dir.Combine("out"), port,
            "--local-workers", "0", "--min-workers", "1", "--dashboard", "0");
        Assert.True(_cluster.WaitForOutput(coordinator, "dashboard: http://", TimeSpan.FromSeconds(60)), _cluster.Output(coordinator));
        var url = new Uri(Regex.Match(_cluster.Output(coordinator), @"dashboard: (\S+)").Groups[1].Value);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(150) };
        // Listening before the worker starts, so that no state goes by unseen.
        using var events = await http.GetAsync(new Uri(url, "events"), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync());
        Assert.True(ClusterProcesses.WaitUntilListening(port, TimeSpan.FromSeconds(60)), _cluster.Output(coordinator));
        _cluster.StartWorker(_dir.Combine("cache-w"), port);

        var states = new List<JsonNode>();
        while (await reader.ReadLineAsync() is { } line)
            if (line.StartsWith("data: ", StringComparison.Ordinal)) states.Add(JsonNode.Parse(line["data: ".Length..])!);
        Assert.True(coordinator.WaitForExit(60_000), _cluster.Output(coordinator));
        Assert.Equal(0, coordinator.ExitCode);

        JsonNode last = states[^1];
        Assert.Equal("finished", (string?)last["status"]);
        Assert.Contains(states, s => (int?)s["readyWorkers"] == 1);
        // --local-workers 0: this process ran nothing and is no row; the worker ran every trial.
        JsonNode worker = Assert.Single(last["workers"]!.AsArray())!;
        Assert.Matches(@"^127\.0\.0\.1:\d+$", (string)worker["name"]!);
        Assert.Equal(8, (int)worker["trials"]!);
        Assert.Contains(states, s => s["workers"]!.AsArray().Any(w => (double)w!["trialsPerSecond"]! > 0));

        // The report names the same worker with the trials it ran, and none here.
        string report = File.ReadAllText(Path.Combine(_dir.Combine("out"), "report.html"));
        Assert.Contains($"0 local worker thread(s) (0 trial(s) here); 1 joined worker(s) ran trials: {(string)worker["name"]!} (8)", report);
    }
}
