using System.Collections.Concurrent;
using System.Diagnostics;

namespace DistSnn.Cli.Tests.Dashboard;

/// <summary>
/// <c>distsnn study ... --dashboard 0</c> as a process of its own: the URL it prints, what it wrote, its exit. Killed
/// (by its id, with its children) when the test ends, whatever happened.
/// </summary>
public sealed class DashboardStudyProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _url = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public DashboardStudyProcess(params string[] args)
    {
        _process = new Process { StartInfo = DistsnnProcess.StartInfo(["study", .. args, "--dashboard", "0"]) };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) _output.Enqueue(e.Data); };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            _output.Enqueue(e.Data);
            const string prefix = "dashboard: ";
            if (e.Data.StartsWith(prefix, StringComparison.Ordinal)) _url.TrySetResult(new Uri(e.Data[prefix.Length..].Split(' ')[0]));
        };
        _process.Exited += (_, _) => _url.TrySetException(new InvalidOperationException("the study ended before it printed a dashboard URL:\n" + Output));
        _process.EnableRaisingEvents = true;
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output => string.Join('\n', _output);

    public bool HasExited => _process.HasExited;

    /// <summary>The page's address, once the study printed it.</summary>
    public Uri Url(TimeSpan timeout)
    {
        if (!_url.Task.Wait(timeout)) throw new TimeoutException($"no dashboard URL within {timeout.TotalSeconds} s:\n{Output}");
        return _url.Task.Result;
    }

    /// <summary>The exit code, waiting at most <paramref name="timeout"/>.</summary>
    public int Exit(TimeSpan timeout)
    {
        Assert.True(_process.WaitForExit(timeout), $"the study did not end within {timeout.TotalSeconds} s:\n{Output}");
        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
        catch (InvalidOperationException)
        {
            // Never started, or already reaped.
        }
        _process.Dispose();
    }
}
