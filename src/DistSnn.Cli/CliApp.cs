using System.CommandLine;
using System.CommandLine.Parsing;
using DistSnn.Cli.Commands;
using DistSnn.Core;

namespace DistSnn.Cli;

/// <summary>
/// The <c>distsnn</c> command tree. Exit codes (INTERFACE.md): 0 success, 2 bad input (one <c>error:</c> line
/// on stderr, no stack trace), 1 a failure at run time.
/// </summary>
public static class CliApp
{
    public const int Success = 0;
    public const int RuntimeFailure = 1;
    public const int BadInput = 2;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("DistSnn: accuracy of spiking neural networks on imperfect memristive crossbars, as Monte Carlo studies.");
        root.Subcommands.Add(StudyCommand.Create(stdout, stderr));
        root.Subcommands.Add(ValidateCommand.Create(stdout, stderr));
        root.Subcommands.Add(CriticalityCommand.Create(stdout, stderr));
        root.Subcommands.Add(WorkerCommand.Create(stdout, stderr));
        root.Subcommands.Add(TrainCommand.Create(stdout, stderr));
        root.Subcommands.Add(BenchCommand.Create(stdout, stderr));
        root.Subcommands.Add(ChipCommand.Create(stdout, stderr));

        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // An unrecognised word says more than the "required command" complaint it also causes.
            ParseError error = parsed.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal)) ?? parsed.Errors[0];
            stderr.WriteLine($"error: command line: {error.Message} (see 'distsnn --help')");
            return BadInput;
        }
        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (InputException e)
        {
            stderr.WriteLine($"error: {OneLine(e.Message)}");
            return BadInput;
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("DISTSNN_DEBUG") is null)
        {
            stderr.WriteLine($"error: internal failure: {OneLine(e.Message)} ({e.GetType().Name}; set DISTSNN_DEBUG=1 for the stack trace)");
            return RuntimeFailure;
        }
    }

    /// <summary>A spec argument that looks like an option is an unknown option, not a missing file.</summary>
    internal static string? SpecArgument(string? value)
    {
        if (value is not null && value.StartsWith('-'))
            throw new InputException("command line", value, "unknown option (see 'distsnn --help')");
        return value;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ");
}
