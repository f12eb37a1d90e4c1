using DistSnn.Core.Data;
using DistSnn.Core.Snn;

namespace DistSnn.Core.Training;

/// <summary>
/// The recipes that produce the built-in models. Each is deterministic (seeded, single-threaded, double
/// arithmetic), so <c>distsnn train --preset NAME</c> writes the same bytes as the embedded model.
/// </summary>
public static class BuiltinModelRecipes
{
    /// <summary>64-64-10 ReLU MLP on the first 1,200 built-in digits, converted to IF neurons (T = 32).</summary>
    public const string DigitsMlp = "digits-mlp";

    public static IReadOnlyList<string> Names { get; } = [DigitsMlp];

    public static SnnModel Train(string name) => name switch
    {
        DigitsMlp => ConvertedMlp.Build(
            BuiltinDatasets.Digits("train"),
            BuiltinDatasets.Digits("test"),
            new MlpTrainingSettings(),
            new ThresholdBalancingSettings()),
        _ => throw new InputException("command line", "--preset", $"unknown recipe '{name}'; recipes: {string.Join(", ", Names)}"),
    };
}
