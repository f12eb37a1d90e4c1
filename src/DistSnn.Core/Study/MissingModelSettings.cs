using DistSnn.Core.Models;
using DistSnn.Core.Snn;

namespace DistSnn.Core.Study;

/// <summary>
/// Refuses a study whose model file leaves a run-time setting unnamed (<see cref="SnnModel.MissingSettings"/>) that
/// the spec does not supply either: a guessed threshold, reset or T runs and gives wrong accuracies without a word.
/// </summary>
public static class MissingModelSettings
{
    /// <param name="modelOrigin">The model file (or <c>builtin:NAME</c>), named in the error.</param>
    /// <exception cref="InputException">Some setting is neither in the model's metadata nor in the spec.</exception>
    public static void Check(StudySpec spec, SnnModel model, string modelOrigin)
    {
        if (model.MissingSettings.Count == 0) return;
        var settings = ModelSetting.Of(spec, model);
        var unsupplied = settings
            .Where(s => model.MissingSettings.Contains(s.MetadataKey) && s.Source == ModelSettingSource.Model)
            .ToList();
        if (unsupplied.Count == 0) return;
        throw new InputException(modelOrigin, SafetensorsFile.MetadataKey,
            $"the model names no {string.Join(", ", unsupplied.Select(s => s.MetadataKey))}, so a study would run on a guess; " +
            $"add them to the model's metadata, or set {string.Join(", ", unsupplied.Select(s => s.Key))} in the spec {spec.Origin} (or with --set)");
    }
}
