using BenchmarkDotNet.Running;

namespace DistSnn.Benchmarks;

public static class Program
{
    /// <summary>Pass BenchmarkDotNet's own arguments, e.g. <c>--filter '*'</c> or <c>--filter '*TileStep*'</c>.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
