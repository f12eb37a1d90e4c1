using System.Diagnostics;

namespace DistSnn.Cli.Tests;

/// <summary>The real executable, as a user runs it: exit codes and stderr of a separate process.</summary>
public class ProcessExitTests
{
    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        using var process = Process.Start(DistsnnProcess.StartInfo(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("distsnn did not finish in 60 s");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [Fact]
    public void Bad_input_exits_2_with_one_error_line()
    {
        var (code, _, stderr) = Run("validate", "/nonexistent/spec.yaml");
        Assert.Equal(2, code);
        Assert.Matches(@"^error: /nonexistent/spec\.yaml: [^\n]*\n?$", stderr);
    }

    [Fact]
    public void Help_exits_0()
    {
        var (code, stdout, _) = Run("study", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--local-workers", stdout);
    }
}
