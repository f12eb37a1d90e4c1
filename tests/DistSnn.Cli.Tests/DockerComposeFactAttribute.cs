using System.ComponentModel;
using System.Diagnostics;

namespace DistSnn.Cli.Tests;

/// <summary>
/// A test that runs <c>docker-compose</c> (no engine needed): skipped, saying why, where the command cannot be
/// started. .ci/run installs it (the Debian package docker-compose), so CI skips nothing.
/// </summary>
public sealed class DockerComposeFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Unavailable = new(WhyUnavailable);

    public DockerComposeFactAttribute()
    {
        if (Unavailable.Value is { } why) Skip = $"needs docker-compose (apt-get install -y --no-install-recommends docker-compose): {why}";
    }

    /// <summary>Null when <c>docker-compose version</c> runs; else why not.</summary>
    private static string? WhyUnavailable()
    {
        var start = new ProcessStartInfo("docker-compose", "version") { RedirectStandardOutput = true, RedirectStandardError = true };
        try
        {
            using Process process = Process.Start(start)!;
            _ = process.StandardOutput.ReadToEndAsync(); // drained, so a chatty command cannot block on a full pipe
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(30_000))
            {
                process.Kill(entireProcessTree: true);
                return "`docker-compose version` did not finish in 30 s";
            }
            return process.ExitCode == 0 ? null : $"`docker-compose version` exited {process.ExitCode}";
        }
        catch (Win32Exception e)
        {
            return $"it cannot be started ({e.Message})";
        }
    }
}
