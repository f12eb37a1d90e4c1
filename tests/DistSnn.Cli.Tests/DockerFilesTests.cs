using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DistSnn.Cli.Tests;

/// <summary>
/// docker/Dockerfile and docker/compose.yaml, checked without a Docker engine (none on the test machines):
/// the compose file through `docker-compose config` (those tests are skipped where docker-compose is missing),
/// the Dockerfile by reading it.
/// </summary>
public class DockerFilesTests
{
    private static string DockerDir => Path.Combine(Repository.Root, "docker");
    private static string ComposeFile => Path.Combine(DockerDir, "compose.yaml");
    private static string Dockerfile => Path.Combine(DockerDir, "Dockerfile");

    [DockerComposeFact]
    public void Compose_file_validates_with_docker_compose_config()
    {
        var (code, stdout, stderr) = DockerCompose(new Dictionary<string, string>(), "-f", ComposeFile, "config");
        Assert.True(code == 0, $"docker-compose config exited {code}:\n{stderr}");
        Assert.Contains("coordinator:", stdout);
        Assert.Contains("worker:", stdout);
    }

    [DockerComposeFact]
    public void Compose_variables_reach_the_commands()
    {
        var env = new Dictionary<string, string> { ["WORKERS"] = "5", ["WORKER_THREADS"] = "3" };
        var (code, stdout, stderr) = DockerCompose(env, "-f", ComposeFile, "config");
        Assert.True(code == 0, $"docker-compose config exited {code}:\n{stderr}");
        // config folds long commands over several lines; compare with whitespace collapsed.
        string flat = Regex.Replace(stdout, @"\s+", " ");
        Assert.Contains("--min-workers 5 --local-workers 0", flat);
        Assert.Contains("worker --join coordinator:4053 --host 0.0.0.0 --threads 3", flat);
        Assert.Contains("DISTSNN_PUBLIC_HOSTNAME: coordinator", flat);
    }

    [Fact]
    public void Dockerfile_publish_step_is_the_command_the_readme_documents()
    {
        string documented = ReadmePublishCommand();
        var publishRuns = Instructions(File.ReadAllText(Dockerfile))
            .Where(i => i.Keyword == "RUN" && i.Argument.Contains("dotnet publish"))
            .Select(i => i.Argument)
            .ToList();
        string run = Assert.Single(publishRuns);
        Assert.Equal(documented, run);
        Assert.Equal("dotnet publish src/DistSnn.Cli -c Release -o /app", documented);
    }

    [Fact]
    public void Dockerfile_stages_run_as_non_root_and_enter_distsnn()
    {
        var stages = Stages(Instructions(File.ReadAllText(Dockerfile)));
        Assert.True(stages.Count >= 2, "the Dockerfile should be multi-stage (build, runtime)");
        Assert.StartsWith("mcr.microsoft.com/dotnet/sdk:10.0", stages[0][0].Argument);

        var final = stages[^1];
        Assert.StartsWith("mcr.microsoft.com/dotnet/runtime:10.0", final[0].Argument);

        // The last USER of the final stage is the one the container runs as.
        var user = final.LastOrDefault(i => i.Keyword == "USER");
        Assert.True(user is not null, "the final stage has no USER: the container would run as root");
        string name = user!.Argument.Split(':')[0].Trim();
        Assert.NotEqual("root", name);
        Assert.NotEqual("0", name);

        var entry = final.LastOrDefault(i => i.Keyword == "ENTRYPOINT");
        Assert.True(entry is not null, "the final stage has no ENTRYPOINT");
        // Exec form: signals reach dotnet directly, so the study closes results.db on SIGTERM.
        string[] argv = JsonSerializer.Deserialize<string[]>(entry!.Argument)!;
        Assert.Equal(new[] { "dotnet", "/app/distsnn.dll" }, argv);

        Assert.Contains(final, i => i.Keyword == "COPY" && Regex.IsMatch(i.Argument, @"^--from=\S+\s+/app\s+/app$"));
    }

    [Fact]
    public void Dockerignore_keeps_build_outputs_and_history_out_of_the_context()
    {
        var lines = File.ReadAllLines(Path.Combine(Repository.Root, ".dockerignore"))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet();
        Assert.Contains("**/bin/", lines);
        Assert.Contains("**/obj/", lines);
        Assert.Contains("**/distsnn-out/", lines);
        Assert.Contains(".git", lines);
    }

    [Fact]
    public void The_spec_compose_runs_is_valid()
    {
        var run = CliRun.Of("validate", Path.Combine(DockerDir, "study", "spec.yaml"));
        Assert.True(run.ExitCode == 0, run.Stderr);
    }

    /// <summary>The one `dotnet publish` line in the README's "Running in containers" section.</summary>
    private static string ReadmePublishCommand()
    {
        string readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var section = Regex.Match(readme, @"^## Running in containers\n(.*?)(?=^## |\z)", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(section.Success, "README.md has no \"## Running in containers\" section");
        var commands = section.Groups[1].Value.Split('\n')
            .Where(l => l.StartsWith("    ") && l.Trim().StartsWith("dotnet publish"))
            .Select(l => l.Trim())
            .ToList();
        return Assert.Single(commands);
    }

    private sealed record Instruction(string Keyword, string Argument);

    /// <summary>Dockerfile instructions: comments dropped, backslash continuations joined, whitespace collapsed.</summary>
    private static List<Instruction> Instructions(string text)
    {
        var result = new List<Instruction>();
        string pending = "";
        foreach (string raw in text.Replace("\r", "").Split('\n'))
        {
            string line = raw.Trim();
            if (line.StartsWith('#')) continue; // comments may sit inside a continued instruction too
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }
            string whole = Regex.Replace((pending + line).Trim(), @"\s+", " ");
            pending = "";
            if (whole.Length == 0) continue;
            int space = whole.IndexOf(' ');
            result.Add(space < 0
                ? new Instruction(whole.ToUpperInvariant(), "")
                : new Instruction(whole[..space].ToUpperInvariant(), whole[(space + 1)..]));
        }
        return result;
    }

    /// <summary>Instructions grouped by stage, each starting with its FROM.</summary>
    private static List<List<Instruction>> Stages(List<Instruction> instructions)
    {
        var stages = new List<List<Instruction>>();
        foreach (var i in instructions)
        {
            if (i.Keyword == "FROM") stages.Add(new List<Instruction>());
            if (stages.Count > 0) stages[^1].Add(i);
        }
        return stages;
    }

    /// <summary>Runs docker-compose with a 60 s limit; a command missing despite <see cref="DockerComposeFactAttribute"/>
    /// fails the test with what to install.</summary>
    private static (int Code, string Stdout, string Stderr) DockerCompose(IReadOnlyDictionary<string, string> env, params string[] args)
    {
        var start = new ProcessStartInfo("docker-compose")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        };
        foreach (string a in args) start.ArgumentList.Add(a);
        // Defaults only, unless the test sets them: a developer's shell must not change what is checked.
        foreach (string name in new[] { "WORKERS", "WORKER_THREADS", "COMPOSE_FILE", "COMPOSE_PROJECT_NAME" })
            start.Environment.Remove(name);
        foreach (var (name, value) in env) start.Environment[name] = value;

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"docker-compose is not installed ({e.Message}); install the Debian package: apt-get install -y docker-compose (.ci/run does)");
            throw; // unreachable: Assert.Fail throws
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(60_000))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("docker-compose config did not finish in 60 s");
            }
            process.WaitForExit();
            return (process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
