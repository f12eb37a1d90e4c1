using DistSnn.Core.Study;

namespace DistSnn.Cli.Dashboard;

/// <summary>
/// <c>distsnn study --dashboard</c>: the live view of this study, from before it starts until just after it ends.
/// It binds first (a busy port fails before the output directory is touched), follows the study's trial events, shows
/// the summary's numbers once the results are written, and on dispose waits until every open page has had the last
/// state (at most <see cref="Linger"/>), then stops. The pages keep showing that state; reloading one finds no server.
/// </summary>
internal sealed class StudyDashboard : IDisposable
{
    /// <summary>How long the server waits at the end for open pages to receive the last state.</summary>
    public static readonly TimeSpan Linger = TimeSpan.FromSeconds(3);

    private readonly DashboardFeed _feed;
    private readonly DashboardServer _server;

    private StudyDashboard(DashboardFeed feed, DashboardServer server)
    {
        _feed = feed;
        _server = server;
    }

    public Uri Url => _server.Url;

    /// <summary>Starts serving <paramref name="spec"/>'s page and prints its address on <paramref name="stderr"/>.</summary>
    public static StudyDashboard Start(DashboardEndpoint endpoint, StudySpec spec, TextWriter stderr)
    {
        var feed = new DashboardFeed(spec);
        try
        {
            var dashboard = new StudyDashboard(feed, DashboardServer.Start(endpoint, feed));
            stderr.WriteLine($"dashboard: {dashboard.Url} (live view of this study; it stops when the study ends)");
            return dashboard;
        }
        catch
        {
            feed.Dispose();
            throw;
        }
    }

    /// <inheritdoc cref="DashboardFeed.Watch"/>
    public void Watch(IStudyExecution execution, IReadOnlyList<TrialRecord> alreadyDone, int localWorkers, Func<int?> readyWorkers) =>
        _feed.Watch(execution, alreadyDone, localWorkers, readyWorkers);

    /// <inheritdoc cref="DashboardFeed.Finished"/>
    public void Finished(IReadOnlyList<PointSummary> summaries, string outDir) => _feed.Finished(summaries, outDir);

    public void Interrupted(string why) => _feed.Stopped("interrupted", why);

    public void Dispose()
    {
        // Reached without Finished or Interrupted: the study threw, and the error line on the terminal says what.
        _feed.Stopped("failed", "the study stopped with an error: see the terminal");
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (_feed.OpenStreams > 0 && waited.Elapsed < Linger) Thread.Sleep(20);
        _server.Stop(TimeSpan.FromSeconds(1));
        _server.Dispose();
        _feed.Dispose();
    }
}
