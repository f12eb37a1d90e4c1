using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace DistSnn.Cli.Tests;

/// <summary>
/// The README's way onto the PATH: `dotnet pack` makes src/DistSnn.Cli a .NET tool package and `dotnet tool install`
/// installs it. Done for real, into a temporary --tool-path (so the machine's tools are not touched), from the package
/// folder alone (a NuGet config that clears every other source), then the installed command is run.
/// </summary>
public class ToolInstallTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_packed_tool_installs_and_runs_as_distsnn()
    {
        // The package is RID-specific: pack builds the ReadyToRun linux-x64 and the portable build itself.
        string configuration = typeof(ToolInstallTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        string packages = _dir.Combine("nupkg"), tools = _dir.Combine("tools");
        Run("dotnet", "pack", Path.Combine(Repository.Root, "src", "DistSnn.Cli"), "-c", configuration, "-o", packages);
        string[] names = Directory.GetFiles(packages, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;
        Match version = Regex.Match(names[0], @"^distsnn\.(\d+\.\d+\.\d+.*)\.nupkg$");
        Assert.True(version.Success, $"the pointer package is {names[0]}, not distsnn.<version>.nupkg");
        Assert.Equal([names[0], $"distsnn.any.{version.Groups[1].Value}.nupkg", $"distsnn.linux-x64.{version.Groups[1].Value}.nupkg"], names);

        string config = _dir.File("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="distsnn" value="{packages}" />
              </packageSources>
            </configuration>
            """);
        Run("dotnet", "tool", "install", "--tool-path", tools, "--configfile", config, "distsnn");

        string command = Path.Combine(tools, OperatingSystem.IsWindows() ? "distsnn.exe" : "distsnn");
        Assert.True(File.Exists(command), $"no {command} after the install");
        // On linux-x64 the install takes the ReadyToRun package; elsewhere the portable one.
        string rid = OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64 ? "linux-x64" : "any";
        Assert.True(Directory.Exists(Path.Combine(tools, ".store", "distsnn", version.Groups[1].Value, $"distsnn.{rid}")), $"the install did not take the {rid} package");
        string help = Run(command, "--help");
        Assert.Contains("Usage:", help);
        Assert.All(new[] { "study", "worker", "validate", "train", "bench" }, c => Assert.Matches($@"(?m)^\s+{c}\b", help));
        Assert.StartsWith(version.Groups[1].Value, Run(command, "--version").Trim());
        // The installed command carries what a study needs beside its own code (the built-in model and data).
        string validated = Run(command, "validate", Path.Combine(Repository.Root, "docker", "study", "spec.yaml"));
        Assert.StartsWith("ok: ", validated);
        Assert.Contains("builtin:digits-mlp", validated);

        // The precompiled command computes what the JIT build does, to the byte.
        string[] study = ["study", "--set", "data.limit=60", "--set", "trials=2", "--set", "timesteps=8", "--quiet", "--overwrite", "--out"];
        Run(command, [.. study, _dir.Combine("installed")]);
        Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "distsnn.dll"), .. study, _dir.Combine("built")]);
        Assert.Equal(File.ReadAllBytes(_dir.Combine("built/trials.csv")), File.ReadAllBytes(_dir.Combine("installed/trials.csv")));
    }

    /// <summary>Runs a command to its end (3 minutes at most) and returns its stdout; a failure shows both streams.</summary>
    private string Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dir.Path };
        foreach (string a in args) start.ArgumentList.Add(a);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        var clock = Stopwatch.StartNew();
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(), stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(180_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', args)} did not finish in 3 minutes");
        }
        process.WaitForExit();
        output.WriteLine($"{Path.GetFileName(file)} {string.Join(' ', args)}: exit {process.ExitCode} in {clock.Elapsed.TotalSeconds:F1} s");
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} exited {process.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        return stdout.Result;
    }
}
