namespace DistSnn.Cli.Dashboard;

/// <summary>The live page: one self-contained HTML file (its own script and style, nothing fetched from elsewhere, so
/// it works offline), embedded in the assembly from <c>dashboard.html</c>.</summary>
internal static class DashboardPage
{
    public static string Html { get; } = Load();

    private static string Load()
    {
        using Stream stream = typeof(DashboardPage).Assembly.GetManifestResourceStream("DistSnn.Cli.Dashboard.dashboard.html")
            ?? throw new InvalidOperationException("the dashboard page is missing from the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
