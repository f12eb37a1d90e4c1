using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace DistSnn.Benchmarks;

public static class Program
{
    /// <summary>Pass BenchmarkDotNet's own arguments, e.g. <c>--filter '*'</c> or <c>--filter '*TileStep*'</c>.
    /// Reports go to bench/DistSnn.Benchmarks/BenchmarkDotNet.Artifacts (git-ignored) unless <c>--artifacts</c> says otherwise.</summary>
    public static void Main(string[] args)
    {
        IConfig config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(ProjectDirectory(), "BenchmarkDotNet.Artifacts"));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }

    private static string ProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DistSnn.Benchmarks.csproj"))) return dir.FullName;
        return Environment.CurrentDirectory;
    }
}
