using System.Text;

namespace DistSnn.Runtime.Logging;

/// <summary>
/// A stand-in for a worker's standard output that sends each line to its <see cref="NodeLog"/>. Akka writes straight
/// to the console after its loggers have stopped (e.g. "Remoting shut down" each time a worker's actor system ends,
/// whatever <c>stdout-loglevel</c> says); a worker prints nothing of its own on standard output, so all of it
/// belongs in the log file (and on the terminal only when the log is verbose).
/// </summary>
public sealed class NodeLogStandardOutput(NodeLog log) : TextWriter
{
    private readonly StringBuilder _line = new();

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
