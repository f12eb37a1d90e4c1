using DistSnn.Core.Snn;

namespace DistSnn.Core.Study;

/// <summary>
/// One run-time setting of the model as a study runs it (neuron, encoder, time steps, readout), by its spec key,
/// with its effective value(s) and where they come from, so that an override (<c>--set neuron.beta=0.9</c>) shows
/// wherever the model is described and a reader never mistakes a spec's choice for the trained model's.
/// </summary>
/// <param name="Key">The spec key that sets it, e.g. <c>neuron.beta</c>.</param>
/// <param name="MetadataKey">The model metadata key that names it, e.g. <c>beta</c>.</param>
/// <param name="Values">The distinct effective values in point order (numbers round-trip); one unless swept.</param>
/// <param name="IsNumber">The values are numbers (written as JSON numbers), not names.</param>
public sealed record ModelSetting(string Key, string MetadataKey, IReadOnlyList<string> Values, bool IsNumber, ModelSettingSource Source)
{
    /// <summary>Every setting of <paramref name="model"/> as <paramref name="spec"/> runs it, in the README's order.</summary>
    public static IReadOnlyList<ModelSetting> Of(StudySpec spec, SnnModel model)
    {
        var applied = spec.Points.Select(p => (p.Settings, Model: p.Settings.Apply(model))).ToList();

        ModelSetting Setting(string key, string metadataKey, bool isNumber, Func<PointSettings, bool> written, Func<SnnModel, string> value)
        {
            var values = applied.Select(a => value(a.Model)).Distinct().ToList();
            ModelSettingSource source = spec.Sweep.Any(axis => axis.Key == key) ? ModelSettingSource.Sweep
                : applied.All(a => written(a.Settings)) ? ModelSettingSource.Spec
                : ModelSettingSource.Model;
            return new ModelSetting(key, metadataKey, values, isNumber, source);
        }

        return
        [
            Setting("neuron.beta", "beta", true, s => s.Neuron.Beta is not null, m => ScalarSyntax.FormatNumber(m.Neuron.Beta)),
            Setting("neuron.threshold", "threshold", true, s => s.Neuron.Threshold is not null, m => ScalarSyntax.FormatNumber(m.Neuron.Threshold)),
            Setting("neuron.reset", "reset", false, s => s.Neuron.Reset is not null, m => Name(m.Neuron.Reset)),
            Setting("neuron.sigma", "sigma", true, s => s.Neuron.Sigma is not null, m => ScalarSyntax.FormatNumber(m.Neuron.Sigma)),
            Setting("encoder", "encoder", false, s => s.Encoder is not null, m => Name(m.Encoder)),
            Setting("timesteps", "timesteps", true, s => s.Timesteps is not null, m => ScalarSyntax.FormatNumber(m.Timesteps)),
            Setting("readout", "readout", false, s => s.Readout is not null, m => Name(m.Readout)),
        ];
    }

    /// <summary>
    /// The settings on one line, e.g. <c>lif, beta=0.9 (spec), threshold=1, reset=subtract, sigma=0, encoder=rate,
    /// timesteps=32, readout=spike-count</c>: what the study header and summary.json show.
    /// </summary>
    public static string Describe(IReadOnlyList<ModelSetting> settings)
    {
        ModelSetting beta = settings.First(s => s.Key == "neuron.beta");
        string kind = beta.Values.All(v => v == "1") ? "if" : beta.Values.Any(v => v == "1") ? "if/lif" : "lif";
        return kind + ", " + string.Join(", ", settings.Select(s => s.ToString()));
    }

    /// <summary><c>name=value</c>, the spec key's last part, marked <c>(spec)</c> or listing the swept values.</summary>
    public override string ToString()
    {
        string name = Key.Split('.')[^1];
        return Source switch
        {
            ModelSettingSource.Sweep => $"{name}={string.Join("|", Values)} (swept)",
            ModelSettingSource.Spec => $"{name}={Values[0]} (spec)",
            _ => $"{name}={Values[0]}",
        };
    }

    private static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => ChoiceType.ForEnum<TEnum>().Format(value);
}
