using System.CommandLine;
using System.Globalization;
using DistSnn.Core;
using DistSnn.Core.Crossbar;
using DistSnn.Core.Engine;
using DistSnn.Core.Models;
using DistSnn.Core.Trial;
using DistSnn.Runtime.Reports;

namespace DistSnn.Cli.Commands;

/// <summary>
/// <c>distsnn chip SPEC [--set KEY=VALUE]... [--point P] [--trial K] [--sample I --step T] --out DIR</c>: writes what
/// one virtual chip (trial K of sweep point P) is: <c>chip.safetensors</c> and <c>chip.png</c>, and with a sample
/// and a step, every tile's read of it stage by stage in <c>read.safetensors</c> (INTERFACE.md, format
/// <c>distsnn-chip/1</c>).
/// </summary>
public static class ChipCommand
{
    public const string ChipFileName = "chip.safetensors", ReadFileName = "read.safetensors";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var spec = new Argument<string>("SPEC") { Description = "The study spec (YAML, distsnn-study/1)." };
        var sets = new Option<string[]>("--set") { Description = "Override a spec field: KEY=VALUE (repeatable).", AllowMultipleArgumentsPerToken = false };
        var point = new Option<int>("--point") { Description = "The sweep point (default 0).", DefaultValueFactory = _ => 0 };
        var trial = new Option<int>("--trial") { Description = "The trial, i.e. which chip (default 0).", DefaultValueFactory = _ => 0 };
        var sample = new Option<int?>("--sample") { Description = "With --step: the sample (0-based, in the spec's data) whose reads to write." };
        var step = new Option<int?>("--step") { Description = "With --sample: the time step whose reads to write." };
        var output = new Option<string>("--out") { Description = "Output directory (required).", Required = true };
        var command = new Command("chip", "Write one virtual chip's conductances, fault maps and (with --sample and --step) one read of every tile.")
        {
            spec, sets, point, trial, sample, step, output,
        };
        command.SetAction(parsed =>
        {
            var inputs = StudyInputs.Load(CliApp.SpecArgument(parsed.GetValue(spec)), parsed.GetValue(sets) ?? []);
            var request = new ChipRequest(parsed.GetValue(point), parsed.GetValue(trial), parsed.GetValue(sample), parsed.GetValue(step), parsed.GetValue(output)!);
            foreach (string written in Write(inputs, request)) stdout.WriteLine($"wrote {written}");
            return CliApp.Success;
        });
        return command;
    }

    /// <summary>What to write: the chip (point, trial), optionally one read (sample, step), and where.</summary>
    public sealed record ChipRequest(int Point, int Trial, int? Sample, int? Step, string Out);

    /// <summary>Checks the request against the spec, then writes the files; returns their paths.</summary>
    public static IReadOnlyList<string> Write(StudyInputs inputs, ChipRequest request)
    {
        var spec = inputs.Spec;
        const string cli = "command line";
        if (request.Point < 0 || request.Point >= spec.Points.Count)
            throw new InputException(cli, "--point", $"expected a sweep point from 0 to {spec.Points.Count - 1}, got {request.Point}");
        if (request.Trial < 0 || request.Trial >= spec.Trials.Max)
            throw new InputException(cli, "--trial", $"expected a trial from 0 to {spec.Trials.Max - 1}, got {request.Trial}");
        if (request.Sample is null != request.Step is null)
            throw new InputException(cli, request.Sample is null ? "--step" : "--sample",
                request.Sample is null ? "needs --sample I too (the sample whose read to write)" : "needs --step T too (the time step whose read to write)");
        TrialPlan plan = TrialPlan.ForPoint(spec, request.Point, inputs.Model, inputs.Data);
        if (request.Sample is { } s && (s < 0 || s >= inputs.Data.Count))
            throw new InputException(cli, "--sample", $"expected a sample from 0 to {inputs.Data.Count - 1}, got {s}");
        if (request.Step is { } t && (t < 0 || t >= plan.Model.Timesteps))
            throw new InputException(cli, "--step", $"expected a time step from 0 to {plan.Model.Timesteps - 1}, got {t}");
        if (File.Exists(request.Out))
            throw new InputException(cli, "--out", $"expected a directory, but {request.Out} is a file");
        Directory.CreateDirectory(request.Out);

        Chip chip = Chip.Program(plan, request.Trial);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["study"] = spec.Name,
            ["point"] = Text(request.Point),
            ["trial"] = Text(request.Trial),
            ["seed"] = spec.Seed.ToString(CultureInfo.InvariantCulture),
        };
        var written = new List<string>();
        string chipPath = Path.Combine(request.Out, ChipFileName);
        SafetensorsFile.Write(ChipFile.Content(chip, plan.Model, metadata), chipPath);
        written.Add(chipPath);
        string pngPath = Path.Combine(request.Out, ChipPlots.FileName);
        ChipPlots.Write(pngPath, chip, plan.Model);
        written.Add(pngPath);

        if (request.Sample is { } sample && request.Step is { } step)
        {
            var capture = new TileReadCapture(plan.Model, step);
            // One sample: the slice keeps its random keys (FirstIndex), so its reads are the study's.
            // The slice shares the plan's ADC calibration, which a calibration on the study's own samples needs.
            ReferenceEngine.Run(plan.WithData(inputs.Data.Slice(sample, 1), batchSize: 1), request.Trial, capture);
            metadata["sample"] = Text(sample);
            metadata["sample_key"] = Text(inputs.Data.FirstIndex + sample);
            metadata["label"] = Text(inputs.Data.Labels[sample]);
            metadata["step"] = Text(step);
            string readPath = Path.Combine(request.Out, ReadFileName);
            SafetensorsFile.Write(ChipReadFile.Content(chip, capture.Reads, metadata), readPath);
            written.Add(readPath);
        }
        return written;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
