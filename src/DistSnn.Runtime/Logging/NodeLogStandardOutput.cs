using System.Text;

namespace DistSnn.Runtime.Logging;

/// <summary>
/// A stand-in for a node process's standard output that sends each line to its <see cref="NodeLog"/>. Akka writes straight
/// to the console after its loggers have stopped (e.g. "Remoting shut down" each time a node's actor system ends,
/// at <c>akka.loglevel</c>, whatever <c>stdout-loglevel</c> says). All of it belongs in the log file (and on the
/// terminal only when the log is verbose). The command's own output is unaffected: it writes to the writer it was
/// given at start, not to <see cref="Console.Out"/>.
/// </summary>
public sealed class NodeLogStandardOutput(NodeLog log) : TextWriter
{
    private readonly StringBuilder _line = new();

    /// <summary>Makes <see cref="Console.Out"/> write to <paramref name="log"/> until the result is disposed. Process-wide:
    /// for a node process (a cluster study, a worker), not for code that shares its process with others.</summary>
    public static IDisposable Capture(NodeLog log)
    {
        TextWriter previous = Console.Out;
        _captured = previous;
        Console.SetOut(new NodeLogStandardOutput(log));
        return new Restore(previous);
    }

    private static TextWriter? _captured;

    /// <summary>Whether <paramref name="writer"/> is the process's standard output, captured or not: what the terminal
    /// shows (a summary table checks this to size itself to the terminal).</summary>
    public static bool IsStandardOutput(TextWriter writer) => ReferenceEquals(writer, Console.Out) || ReferenceEquals(writer, _captured);

    private sealed class Restore(TextWriter previous) : IDisposable
    {
        public void Dispose()
        {
            Console.SetOut(previous);
            _captured = null;
        }
    }

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_line)
        {
            if (value == '\n')
            {
                log.Stray(_line.ToString().TrimEnd('\r'));
                _line.Clear();
            }
            else _line.Append(value);
        }
    }

    public override void Write(string? value)
    {
        if (value is null) return;
        foreach (char c in value) Write(c);
    }
}
