namespace DistSnn.Cli.Tests;

/// <summary>Runs the distsnn command in-process and captures what it prints.</summary>
public sealed record CliRun(int ExitCode, string Stdout, string Stderr)
{
    public static CliRun Of(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, stdout, stderr);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>The real executable as a separate process, its output redirected.</summary>
public static class DistsnnProcess
{
    public static System.Diagnostics.ProcessStartInfo StartInfo(params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(System.IO.Path.Combine(AppContext.BaseDirectory, "distsnn.dll"));
        foreach (string a in args) start.ArgumentList.Add(a);
        return start;
    }
}

/// <summary>A temporary directory removed after the test.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "distsnn-test-" + Guid.NewGuid().ToString("N"));

    public string File(string name, string contents)
    {
        string path = System.IO.Path.Combine(Path, name);
        System.IO.File.WriteAllText(path, contents);
        return path;
    }

    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}

public static class Repository
{
    public static string Root { get; } = Find();

    public static string SharedModel => System.IO.Path.Combine(Root, "tests", "data", "fmnist-mlp-784-500-10-if.safetensors");

    /// <summary>The first 2,000 Fashion-MNIST test images and labels, kept in the repository.</summary>
    public static string FashionMnist2000 => System.IO.Path.Combine(Root, "tests", "data", "fashion-mnist-2000");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "DistSnn.sln"))) return dir.FullName;
        throw new InvalidOperationException("DistSnn.sln not found");
    }
}
