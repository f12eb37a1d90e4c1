using System.Diagnostics;
using System.Text.Json;
using DistSnn.Core.Snn;
using DistSnn.Core.Study;
using DistSnn.Core.Trial;

namespace DistSnn.Cli.Commands;

/// <summary>
/// What one study process measured about itself, written as one JSON object to the file named by
/// <c>DISTSNN_BENCH_STATS</c> when the study ends: how <c>distsnn bench</c> reads the figures of a whole process
/// (CPU time, peak memory, garbage collections, synaptic events) that only the process itself knows.
/// </summary>
public sealed record BenchStats(
    double CpuSeconds, long PeakRssBytes, long AllocatedBytes, int Gen0, int Gen1, int Gen2, long SynapticEvents, long Trials, long SampleSteps, double AccuracyMean)
{
    public const string Variable = "DISTSNN_BENCH_STATS";

    /// <param name="records">Every stored trial (read only when the statistics are asked for).</param>
    /// <param name="alreadyDone">The trials an earlier run stored (resume): not counted.</param>
    public static void WriteIfAsked(StudySpec spec, int samples, SnnModel model, Func<IReadOnlyList<TrialRecord>> records, IReadOnlyList<TrialRecord> alreadyDone)
    {
        if (Environment.GetEnvironmentVariable(Variable) is not { Length: > 0 } path) return;
        var earlier = alreadyDone.Select(r => (r.Point, r.Trial)).ToHashSet();
        List<TrialRecord> run = records().Where(r => !earlier.Contains((r.Point, r.Trial))).ToList();
        int[] timesteps = spec.Points.Select(p => p.Settings.Apply(model).Timesteps).ToArray();
        long steps = run.Sum(r => (long)samples * timesteps[r.Point]);
        double accuracyMean = run.Select(r => r.Result.Accuracy).DefaultIfEmpty(double.NaN).Average();
        using var process = Process.GetCurrentProcess();
        var stats = new BenchStats(process.TotalProcessorTime.TotalSeconds, process.PeakWorkingSet64, GC.GetTotalAllocatedBytes(),
            GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), TileStep.SynapticEvents, run.Count, steps, accuracyMean);
        File.WriteAllText(path, JsonSerializer.Serialize(stats));
    }

    public static BenchStats Read(string path) =>
        JsonSerializer.Deserialize<BenchStats>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path}: no statistics");
}
