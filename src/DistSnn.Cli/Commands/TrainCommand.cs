using System.CommandLine;
using System.Diagnostics;
using DistSnn.Core;
using DistSnn.Core.Models;
using DistSnn.Core.Snn;
using DistSnn.Core.Training;

namespace DistSnn.Cli.Commands;

/// <summary>
/// <c>distsnn train --preset NAME --out FILE</c>: trains a model by one of the project's recipes. The
/// <c>digits-mlp</c> recipe reproduces the built-in model bit for bit.
/// </summary>
public static class TrainCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var preset = new Option<string>("--preset") { Description = $"The recipe: {string.Join(", ", BuiltinModelRecipes.Names)}.", Required = true };
        var output = new Option<string>("--out") { Description = "Where to write the model (safetensors).", Required = true };
        var command = new Command("train", "Train a model by one of the built-in recipes (the built-in model's recipe included).") { preset, output };
        command.SetAction(parsed =>
        {
            string name = parsed.GetValue(preset)!;
            string path = Path.GetFullPath(parsed.GetValue(output)!);
            if (Directory.Exists(path))
                throw new InputException("command line", "--out", $"expected a file name, but {path} is a directory");
            var clock = Stopwatch.StartNew();
            SnnModel model = BuiltinModelRecipes.Train(name);
            ModelFile.Save(model, path);
            stdout.WriteLine($"trained '{name}' in {clock.Elapsed.TotalSeconds:F1} s: {path}");
            foreach (var (key, value) in model.Metadata.Where(m => m.Key is "provenance" or SoftwareAccuracy.MetadataKey))
                stdout.WriteLine($"  {key}: {value}");
            return CliApp.Success;
        });
        return command;
    }
}
