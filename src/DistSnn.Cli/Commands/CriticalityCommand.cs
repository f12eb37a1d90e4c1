using System.CommandLine;
using System.Globalization;
using DistSnn.Core;
using DistSnn.Core.Study;
using DistSnn.Runtime.Reports;

namespace DistSnn.Cli.Commands;

/// <summary>
/// <c>distsnn criticality SPEC</c>: which tile matters. Runs one sweep point's chips intact and with each tile of each
/// layer dead in turn, and writes the accuracy lost per tile (paired with the intact chip, with its 95% CI) as
/// <c>criticality.csv</c> and a heat map per layer: where redundancy pays.
/// </summary>
public static class CriticalityCommand
{
    /// <summary>Tiles listed on the terminal, most critical first.</summary>
    private const int Shown = 10;

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var spec = new Argument<string?>("SPEC") { Description = "The study spec (YAML, distsnn-study/1); omit it for the built-in demo.", Arity = ArgumentArity.ZeroOrOne };
        var sets = new Option<string[]>("--set") { Description = "Override a spec field by its dotted path: KEY=VALUE (repeatable)." };
        var point = new Option<int?>("--point") { Description = "The sweep point whose chips are examined (default: the spec's baseline point)." };
        var output = new Option<string?>("--out") { Description = "Output directory (default ./distsnn-out/<study name>-criticality)." };
        var workers = new Option<int?>("--local-workers") { Description = "Chips run in parallel (default: the machine's cores)." };
        var quiet = new Option<bool>("--quiet") { Description = "No progress output." };
        var command = new Command("criticality", "Accuracy lost per dead tile: every tile of every layer dead in turn, paired with the intact chip.")
        {
            spec, sets, point, output, workers, quiet,
        };
        command.SetAction(parsed =>
        {
            int localWorkers = parsed.GetValue(workers) ?? Environment.ProcessorCount;
            if (localWorkers < 1) throw new InputException("command line", "--local-workers", $"expected an integer >= 1, got {localWorkers}");
            var inputs = StudyInputs.Load(CliApp.SpecArgument(parsed.GetValue(spec)), parsed.GetValue(sets) ?? []);
            StudySpec s = inputs.Spec;
            int p = parsed.GetValue(point) ?? s.Baseline;
            if (p < 0 || p >= s.Points.Count)
                throw new InputException("command line", "--point", $"expected a sweep point index in 0..{s.Points.Count - 1}, got {p}");
            if (s.Trials.IsAdaptive)
                stderr.WriteLine($"  trials: adaptive in the spec; criticality runs its minimum, {s.Trials.Min} chip(s)");
            string outDir = Path.GetFullPath(parsed.GetValue(output) ?? Path.Combine("distsnn-out", s.Name + "-criticality"));

            var runner = new CriticalityRunner(s, inputs.Model, inputs.Data, localWorkers);
            if (!parsed.GetValue(quiet))
            {
                int last = -1;
                runner.Progress += (done, total) =>
                {
                    int percent = 100 * done / total;
                    if (percent / 10 == last / 10 && done != total) return;
                    last = percent;
                    stderr.WriteLine($"progress: {done}/{total} chip runs ({percent}%)");
                };
            }
            IReadOnlyList<TileCriticality> tiles = runner.Run(p);
            IReadOnlyList<string> files = CriticalityFiles.Write(outDir, s, p, tiles);

            stdout.WriteLine($"criticality of study '{s.Name}', point {p}: accuracy lost with one tile dead, mean [95% CI] over {s.Trials.Min} chip(s)");
            foreach (TileCriticality t in tiles.OrderByDescending(t => t.MeanLoss).Take(Shown))
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  layer {t.Layer} tile {t.Tile} (row {t.TileRow}, col {t.TileCol}): {t.MeanLoss:F4} [{Format(t.Ci95Low)}, {Format(t.Ci95High)}]"));
            }
            stdout.WriteLine($"results: {outDir} ({string.Join(", ", files)})");
            return CliApp.Success;
        });
        return command;
    }

    private static string Format(double value) => double.IsFinite(value) ? value.ToString("F4", CultureInfo.InvariantCulture) : "n/a";
}
