using System.CommandLine;

namespace DistSnn.Cli.Commands;

/// <summary><c>distsnn validate SPEC</c>: checks a spec, its model and its data without running anything.</summary>
public static class ValidateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var spec = new Argument<string>("SPEC") { Description = "The study spec (YAML, distsnn-study/1)." };
        var sets = new Option<string[]>("--set") { Description = "Override a spec field: KEY=VALUE (repeatable).", AllowMultipleArgumentsPerToken = false };
        var command = new Command("validate", "Check a study spec and its model and data without running.") { spec, sets };
        command.SetAction(parsed =>
        {
            var inputs = StudyInputs.Load(CliApp.SpecArgument(parsed.GetValue(spec)), parsed.GetValue(sets) ?? []);
            var s = inputs.Spec;
            stdout.WriteLine($"ok: {s.Origin}: study '{s.Name}', {s.Points.Count} point(s) x {TrialText(s.Trials)}");
            stdout.WriteLine($"  model: {inputs.ModelDescription}");
            stdout.WriteLine($"  data:  {inputs.DataDescription}");
            return CliApp.Success;
        });
        return command;
    }

    internal static string TrialText(Core.Study.TrialCount trials) => trials.IsAdaptive
        ? $"{trials.Min}..{trials.Max} trials (until the 95% CI half-width < {trials.CiHalfWidth})"
        : $"{trials.Min} trials";
}
