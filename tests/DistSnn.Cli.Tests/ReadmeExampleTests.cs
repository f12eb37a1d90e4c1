using System.Diagnostics;
using System.Text.RegularExpressions;

namespace DistSnn.Cli.Tests;

/// <summary>
/// Every shell example of the README runs as written: in bash with <c>-e</c>, from a directory that looks like the
/// repository's root (its entries are links to the repository's, so nothing is written into the checkout), with
/// <c>distsnn</c> on the PATH as the installed tool puts it there. Examples that install the tool run in the
/// checkout itself with a temporary HOME, so the tool lands there and not in the machine's own.
/// </summary>
public class ReadmeExampleTests
{
    private static readonly string Readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
    private static readonly IReadOnlyList<ReadmeExample> Examples = ReadmeExamples.Parse(Readme);
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    public static TheoryData<int> Runnable()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Examples.Count; i++)
            if (Examples[i].NotRun is null) data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(Runnable))]
    public async Task The_example_runs_as_written(int index)
    {
        ReadmeExample example = Examples[index];
        using var root = new TempDirectory();
        using var home = new TempDirectory();
        bool installsTool = Regex.IsMatch(example.Script, @"\bdotnet (pack|tool)\b");
        string workingDirectory = installsTool ? Repository.Root : LinkedRoot(root.Combine("repo"));
        string bin = root.Combine("bin");
        Directory.CreateDirectory(bin);
        string wrapper = Path.Combine(bin, "distsnn");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec dotnet \"{Path.Combine(AppContext.BaseDirectory, "distsnn.dll")}\" \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var start = new ProcessStartInfo("bash") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-euo");
        start.ArgumentList.Add("pipefail");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(example.Script);
        start.Environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");
        // Marks every process the example starts, so that one it left running (a worker, when the study failed) is ended.
        string marker = Guid.NewGuid().ToString("N");
        start.Environment[MarkerVariable] = marker;
        if (installsTool)
        {
            // The tool goes to a temporary HOME; packages still come from the machine's NuGet cache.
            start.Environment["NUGET_PACKAGES"] = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            start.Environment["HOME"] = home.Path;
            start.Environment["PATH"] = Path.Combine(home.Path, ".dotnet", "tools") + ":" + start.Environment["PATH"];
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync(), stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
        finally
        {
            EndLeftovers(marker);
        }
        Assert.True(process.HasExited && process.ExitCode == 0,
            $"{example} {(process.HasExited ? $"exited with {process.ExitCode}" : $"did not finish within {Limit.TotalMinutes} minutes")}\n--- script\n{example.Script}\n"
            + $"--- stdout\n{Tail(await stdout)}\n--- stderr\n{Tail(await stderr)}");
    }

    private const string MarkerVariable = "DISTSNN_README_EXAMPLE";

    /// <summary>Kills the processes whose environment carries this example's marker (Linux: /proc/PID/environ).</summary>
    private static void EndLeftovers(string marker)
    {
        if (!Directory.Exists("/proc")) return;
        byte[] needle = System.Text.Encoding.ASCII.GetBytes($"{MarkerVariable}={marker}");
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid) || pid == Environment.ProcessId) continue;
            try
            {
                if (File.ReadAllBytes(Path.Combine(dir, "environ")).AsSpan().IndexOf(needle) < 0) continue;
                using Process leftover = Process.GetProcessById(pid);
                leftover.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException
                or System.ComponentModel.Win32Exception)
            {
                // Gone already, or not ours to read.
            }
        }
    }

    [Fact]
    public void The_spec_in_the_readme_is_the_example_file()
    {
        var block = Regex.Match(Readme, @"## A study spec\n.*?```yaml\n(.*?)```", RegexOptions.Singleline);
        Assert.True(block.Success, "README.md has no YAML block under \"## A study spec\"");
        Assert.Equal(File.ReadAllText(Path.Combine(Repository.Root, "examples", "read-noise.yaml")), block.Groups[1].Value);
    }

    [Fact]
    public void The_readme_has_examples_and_says_why_the_others_do_not_run()
    {
        Assert.Contains(Examples, e => e.NotRun is null && Regex.IsMatch(e.Script, @"^distsnn study", RegexOptions.Multiline));
        Assert.All(Examples.Where(e => e.NotRun is not null), e => Assert.False(string.IsNullOrWhiteSpace(e.NotRun)));
        // The set-up commands, the cluster templates and the container commands are the only ones not run here.
        Assert.True(Examples.Count(e => e.NotRun is not null) <= 6, string.Join("\n", Examples.Where(e => e.NotRun is not null)));
    }

    [Fact]
    public void Set_values_in_the_text_are_quoted_for_the_shell()
    {
        // `--set trials={min: 10, ...}` pasted into bash splits at the spaces: a value with spaces or braces needs quotes.
        // Each inline code span, each --set in it: its value runs to the next option or the span's end.
        var unquoted = Regex.Matches(Readme, @"`([^`\n]+)`")
            .SelectMany(span => Regex.Matches(span.Groups[1].Value, @"--set (?!['""])(.+?)(?= --|$)"))
            .Select(m => m.Groups[1].Value)
            .Where(v => Regex.IsMatch(v, @"[\s{}\[\]]"))
            .ToList();
        Assert.Empty(unquoted);
    }

    [Fact]
    public void The_parser_finds_indented_and_fenced_examples_but_not_lists_or_other_fences()
    {
        const string markdown = "Text\n\n    distsnn study a.yaml\n    distsnn study b.yaml\n\n* a list\n\n    continued item\n\n"
            + "```\ndistsnn study [SPEC]\n```\n\n```bash\ndistsnn worker --join <host>:4053\n```\n\n```yaml\nname: x\n```\n";
        var found = ReadmeExamples.Parse(markdown);
        Assert.Equal(2, found.Count);
        Assert.Equal("distsnn study a.yaml\ndistsnn study b.yaml", found[0].Script);
        Assert.Equal(3, found[0].Line);
        Assert.Null(found[0].NotRun);
        Assert.NotNull(found[1].NotRun);
    }

    /// <summary>A directory whose entries link to the repository root's (not .git or outputs).</summary>
    private static string LinkedRoot(string path)
    {
        Directory.CreateDirectory(path);
        foreach (string entry in Directory.EnumerateFileSystemEntries(Repository.Root))
        {
            string name = Path.GetFileName(entry);
            if (name is ".git" or "distsnn-out" or "nupkg" or "TestResults") continue;
            File.CreateSymbolicLink(Path.Combine(path, name), entry);
        }
        return path;
    }

    private static string Tail(string text) => text.Length <= 4000 ? text : "..." + text[^4000..];
}
