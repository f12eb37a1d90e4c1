using System.Globalization;
using DistSnn.Core.Data;
using DistSnn.Core.Snn;

namespace DistSnn.Core.Training;

/// <summary>
/// The whole recipe for a model made by the project itself (the built-in demo model): train a ReLU MLP,
/// measure its test accuracy, convert it to IF neurons by threshold balancing on the training set.
/// Deterministic: the same data and settings give a bit-identical model on the same machine.
/// </summary>
public static class ConvertedMlp
{
    public static SnnModel Build(Dataset train, Dataset test, MlpTrainingSettings? training = null, ThresholdBalancingSettings? balancing = null)
    {
        training ??= new MlpTrainingSettings();
        balancing ??= new ThresholdBalancingSettings();
        ReluMlp ann = MlpTrainer.Train(train, training);
        double accuracy = ann.Accuracy(test);
        string description = string.Create(CultureInfo.InvariantCulture,
            $"ReLU MLP {ann.Architecture} trained by DistSnn's MlpTrainer on {train.Count} {train.Name} samples " +
            $"(softmax cross-entropy, He-uniform init, {training.Describe()}), tested on {test.Count} held-out samples");
        return ThresholdBalancing.Convert(ann, train, balancing, description, accuracy);
    }
}
