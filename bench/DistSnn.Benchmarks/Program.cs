using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace DistSnn.Benchmarks;

public static class Program
{
    /// <summary>Pass BenchmarkDotNet's own arguments, e.g. <c>--filter '*'</c> or <c>--filter '*TileStep*'</c>.
    /// Reports go to bench/DistSnn.Benchmarks/BenchmarkDotNet.Artifacts (git-ignored) unless <c>--artifacts</c> says otherwise.
    /// <c>coordinator [options]</c> runs the timed console mode of <see cref="CoordinatorBenchmarks"/> instead (README.md).</summary>
    public static int Main(string[] args)
    {
        if (args is ["coordinator", .. var rest]) return CoordinatorBenchmarks.Run(rest);
        IConfig config = DefaultConfig.Instance.WithArtifactsPath(Path.Combine(ProjectDirectory(), "BenchmarkDotNet.Artifacts"));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return 0;
    }

    private static string ProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DistSnn.Benchmarks.csproj"))) return dir.FullName;
        return Environment.CurrentDirectory;
    }
}
