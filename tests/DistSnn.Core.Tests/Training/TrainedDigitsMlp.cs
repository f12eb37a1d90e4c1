using DistSnn.Core.Data;
using System.Diagnostics;
using DistSnn.Core.Training;

namespace DistSnn.Core.Tests.Training;

/// <summary>The default digits network, trained once and shared by the tests that need it (training takes seconds).</summary>
internal static class TrainedDigitsMlp
{
    private static readonly Lazy<(ReluMlp Network, TimeSpan Elapsed)> Trained = new(() =>
    {
        var watch = Stopwatch.StartNew();
        ReluMlp network = MlpTrainer.Train(BuiltinDatasets.Digits("train"), new MlpTrainingSettings());
        return (network, watch.Elapsed);
    });

    public static ReluMlp Network => Trained.Value.Network;

    /// <summary>Wall time of the shared training run.</summary>
    public static TimeSpan Elapsed => Trained.Value.Elapsed;
}
