using DistSnn.Core;
using DistSnn.Core.Data;
using DistSnn.Core.Models;
using DistSnn.Core.Snn;
using DistSnn.Core.Study;

namespace DistSnn.Cli;

/// <summary>A study's spec with its model and data loaded and checked against each other.</summary>
public sealed record StudyInputs(StudySpec Spec, SnnModel Model, Dataset Data, string? BaseDirectory)
{
    /// <summary>The spec as written (the file or the demo) and the --set list: what a joining worker re-reads.</summary>
    public string SpecText { get; init; } = "";

    public IReadOnlyList<string> Sets { get; init; } = [];

    public const string DemoOrigin = StudySpecReader.DemoOrigin;

    /// <summary>Reads the spec (or the built-in demo when <paramref name="specPath"/> is null), applies the sets, loads model and data.</summary>
    public static StudyInputs Load(string? specPath, IReadOnlyList<string> sets)
    {
        StudySpec spec;
        string? baseDirectory;
        if (specPath is null)
        {
            baseDirectory = Directory.GetCurrentDirectory();
            spec = StudySpecReader.ReadDemo(sets);
        }
        else
        {
            baseDirectory = Path.GetDirectoryName(Path.GetFullPath(specPath));
            spec = StudySpecReader.ReadFile(specPath, sets);
        }

        SnnModel model = ModelReference.Resolve(spec.Model, baseDirectory, spec.Origin);
        MissingModelSettings.Check(spec, model, spec.ModelPath ?? spec.Model);
        ExactFaultCheck.Check(spec, model);
        TileOverrideCheck.Check(spec, model);
        Dataset data = DataLoader.Load(spec.Data, baseDirectory, spec.Origin);
        if (data.Features != model.Inputs)
            throw new InputException(spec.Origin, "data",
                $"the data has {data.Features} features per sample but the model '{spec.Model}' takes {model.Inputs} inputs");
        if (data.Classes > model.Classes)
            throw new InputException(spec.Origin, "data",
                $"the data has {data.Classes} classes but the model '{spec.Model}' has {model.Classes} outputs");
        if (data.Count == 0)
            throw new InputException(spec.Origin, "data", "expected at least one sample, got none");
        string text = specPath is null ? StudySpecReader.DemoSpecText : File.ReadAllText(specPath);
        return new StudyInputs(spec, model, data, baseDirectory) { SpecText = text, Sets = sets.ToList() };
    }

    public string DataDescription =>
        $"{Spec.Data.Source} {Spec.Data.Split} samples {Data.FirstIndex}..{Data.FirstIndex + Data.Count - 1} ({Data.Count})";

    /// <summary>The model's run-time settings as the study runs them, each marked with where it comes from.</summary>
    public IReadOnlyList<ModelSetting> ModelSettings => ModelSetting.Of(Spec, Model);

    /// <summary>The model and how the study runs it: its layer sizes and every run-time setting, those the spec sets
    /// marked <c>(spec)</c>, so that an override such as <c>--set neuron.beta=0.9</c> is never mistaken for the model's own.</summary>
    public string ModelDescription
    {
        get
        {
            string sizes = string.Join("-", new[] { Model.Inputs }.Concat(Model.Layers.Select(l => l.Outputs)));
            return $"{Spec.Model} ({sizes}; {ModelSetting.Describe(ModelSettings)})";
        }
    }
}
