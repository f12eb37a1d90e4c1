using Akka.Event;
using DistSnn.Runtime.Cluster;

namespace DistSnn.Runtime.Logging;

/// <summary>
/// Where a DistSnn process's log goes. Every event, Akka's own and the project's, is appended to a file (with
/// Akka's timestamps and stack traces), so that a study's or a worker's history can be read after the fact. The
/// terminal is the user's interface: it gets only the project's own events at or above a level, one short line
/// each (<c>warning: ...</c>, no stack trace); <see cref="Verbose"/> adds every other event there, as in the file. Akka's
/// remoting repeats itself every second or two while a peer is gone; that belongs in the file, not on the screen.
/// Thread-safe: the logger actor and the process's own code both write here.
/// </summary>
public sealed class NodeLog : IDisposable
{
    /// <summary>The file name of a study's log in its output directory.</summary>
    public const string StudyFileName = "distsnn.log";

    private readonly object _gate = new();
    private readonly TextWriter _terminal;
    private readonly LogLevel _terminalLevel;
    private StreamWriter? _file;
    private bool _disposed;

    /// <param name="path">The log file, appended to; created (with its directory) on the first line, so a run
    /// that logs nothing leaves no file. Null: no file (Akka's lines then go nowhere unless <paramref name="verbose"/>).</param>
    /// <param name="terminal">Where the user reads (stderr).</param>
    /// <param name="terminalLevel">The lowest level of the project's own events shown on <paramref name="terminal"/>.</param>
    /// <param name="verbose">Show the other events on <paramref name="terminal"/> too, Akka's included, in the file's format.</param>
    public NodeLog(string? path, TextWriter terminal, LogLevel terminalLevel, bool verbose)
    {
        Path = path is null ? null : System.IO.Path.GetFullPath(path);
        _terminal = terminal;
        _terminalLevel = terminalLevel;
        Verbose = verbose;
    }

    /// <summary><c>$XDG_CACHE_HOME/distsnn/worker.log</c> (or <c>~/.cache/distsnn/worker.log</c>): a worker's log unless <c>--log</c> says otherwise.</summary>
    public static string DefaultWorkerFile => System.IO.Path.Combine(System.IO.Path.GetDirectoryName(PackageCache.DefaultDirectory)!, "worker.log");

    /// <summary>The log file (absolute), or null.</summary>
    public string? Path { get; }

    public bool Verbose { get; }

    /// <summary>Where a user finds the details that the terminal leaves out: "the log FILE", or, without a file, the terminal.</summary>
    public string Where => Path is null ? "the output above" : $"the log {Path}";

    /// <summary>One event from the actor system (<see cref="NodeLogger"/>).</summary>
    public void Write(LogEvent e)
    {
        string full = e.ToString();
        bool own = IsOwn(e);
        lock (_gate)
        {
            if (_disposed) return;
            AppendToFile(full);
            // The project's own lines read the same with or without --verbose; it adds the rest, as the file has it.
            if (own && e.LogLevel() >= _terminalLevel) ToTerminal(Short(e));
            else if (Verbose) ToTerminal(full);
        }
    }

    /// <summary>A line of the process itself (not from an actor): on the terminal as it is, in the file with a timestamp.</summary>
    public void Line(string text)
    {
        lock (_gate)
        {
            if (_disposed) return;
            AppendToFile($"[{DateTime.UtcNow:yyyy-MM-dd HH:mm:ss.fffZ}] {text}");
            ToTerminal(text);
        }
    }

    /// <summary>A line that Akka wrote to standard output itself (<see cref="NodeLogStandardOutput"/>): in the file, on the terminal only when verbose.</summary>
    public void Stray(string text)
    {
        if (text.Length == 0) return;
        lock (_gate)
        {
            if (_disposed) return;
            AppendToFile(text);
            if (Verbose) ToTerminal(text);
        }
    }

    /// <summary>
    /// While a live display owns the terminal (Spectre redraws it in place), lines meant for the terminal go to
    /// <paramref name="sink"/>, which shows them as part of the display, instead of being written over it. Until the
    /// result is disposed.
    /// </summary>
    public IDisposable DivertTerminal(Action<string> sink)
    {
        lock (_gate) _divert = sink;
        return new Undivert(this);
    }

    private Action<string>? _divert;

    private sealed class Undivert(NodeLog log) : IDisposable
    {
        public void Dispose()
        {
            lock (log._gate) log._divert = null;
        }
    }

    /// <summary>Under <see cref="_gate"/>.</summary>
    private void ToTerminal(string line)
    {
        if (_divert is { } sink) sink(line);
        else _terminal.WriteLine(line);
    }

    /// <summary>The project's actors log through Akka too; they are told apart from Akka's own by the class that logged.</summary>
    private static bool IsOwn(LogEvent e) => e.LogClass?.Namespace?.StartsWith("DistSnn", StringComparison.Ordinal) == true;

    /// <summary>The terminal's form: the level as the command's own lines spell it, the message, and an exception's message only.</summary>
    private static string Short(LogEvent e)
    {
        string message = e.Message?.ToString() ?? "";
        if (e.Cause is { } cause) message += $": {Innermost(cause).Message}";
        return e.LogLevel() switch
        {
            LogLevel.ErrorLevel => $"error: {message}",
            LogLevel.WarningLevel => $"warning: {message}",
            _ => message,
        };
    }

    /// <summary>Akka wraps a failure in an actor's constructor (<see cref="Akka.Actor.ActorInitializationException"/>); the cause inside says what went wrong.</summary>
    internal static Exception Innermost(Exception e)
    {
        while (e is Akka.Actor.ActorInitializationException or AggregateException && e.InnerException is { } inner) e = inner;
        return e;
    }

    private void AppendToFile(string line)
    {
        if (Path is null || _fileFailed) return;
        try
        {
            _file ??= Open(Path);
            _file.WriteLine(line);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full disk or a file taken away must not stop the study or the worker: say so once, log on without the file.
            _fileFailed = true;
            ToTerminal($"warning: cannot write the log {Path} ({e.Message}); logging to it stops");
        }
    }

    private bool _fileFailed;

    /// <summary>Opens (creates) a log file for appending; what <see cref="CheckWritable"/> tries before anything starts.</summary>
    private static StreamWriter Open(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        // Shared for reading and writing: `tail -f`, and a test that reads the log of a running process.
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        // Flushed line by line: a killed process loses nothing it logged.
        return new StreamWriter(stream) { AutoFlush = true };
    }

    /// <summary>Throws the IOException or UnauthorizedAccessException that writing to <paramref name="path"/> would
    /// meet, so that a command can refuse an unwritable log as bad input before it starts.</summary>
    public static void CheckWritable(string path) => Open(System.IO.Path.GetFullPath(path)).Dispose();

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _file?.Dispose();
            _file = null;
        }
    }
}
