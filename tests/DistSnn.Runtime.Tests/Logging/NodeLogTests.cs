using Akka.Event;
using DistSnn.Runtime.Actors;
using DistSnn.Runtime.Logging;

namespace DistSnn.Runtime.Tests.Logging;

/// <summary>What goes to the log file and what to the terminal.</summary>
public class NodeLogTests
{
    // An event of the project's own (logged by one of its actors) and one of Akka's remoting.
    private static readonly LogEvent Own = new Warning(new InvalidOperationException("boom"), "akka://distsnn/user/study", typeof(StudyCoordinatorActor),
        "worker 127.0.0.1:4100 stopped answering");
    private static readonly LogEvent OwnInfo = new Info("akka://distsnn/user/study", typeof(StudyCoordinatorActor), "worker 127.0.0.1:4100 joined");
    private static readonly LogEvent Akkas = new Warning("akka://distsnn/system/endpointManager", typeof(Akka.Remote.RemoteActorRefProvider),
        "AssociationError [akka.tcp://distsnn@127.0.0.1:4053] -> akka.tcp://distsnn@127.0.0.1:4100");

    private static (string Terminal, string File) Log(bool verbose, params LogEvent[] events)
    {
        using var temp = new TempDirectory();
        var terminal = new StringWriter();
        string path = temp.File("logs/distsnn.log");
        using (var log = new NodeLog(path, terminal, LogLevel.WarningLevel, verbose))
        {
            foreach (LogEvent e in events) log.Write(e);
            log.Line("a line of the process");
        }
        return (terminal.ToString(), File.ReadAllText(path));
    }

    [Fact]
    public void The_terminal_gets_the_projects_own_lines_short_and_the_file_everything()
    {
        var (terminal, file) = Log(false, Own, OwnInfo, Akkas);
        Assert.Equal($"warning: worker 127.0.0.1:4100 stopped answering: boom{Environment.NewLine}a line of the process{Environment.NewLine}", terminal);
        Assert.Contains("AssociationError", file);
        Assert.Contains("[INFO]", file);
        Assert.Contains("worker 127.0.0.1:4100 stopped answering", file);
        Assert.Contains("System.InvalidOperationException: boom", file); // the exception in full, only here
        Assert.Contains("a line of the process", file);
    }

    [Fact]
    public void Verbose_adds_the_rest_to_the_terminal()
    {
        var (terminal, _) = Log(true, Own, OwnInfo, Akkas);
        Assert.Contains("warning: worker 127.0.0.1:4100 stopped answering: boom", terminal);
        Assert.Contains("[WARNING]", terminal);
        Assert.Contains("AssociationError", terminal);
        Assert.Contains("[INFO]", terminal);
    }

    [Fact]
    public void A_run_that_logs_nothing_leaves_no_file()
    {
        using var temp = new TempDirectory();
        string path = temp.File("distsnn.log");
        using (new NodeLog(path, TextWriter.Null, LogLevel.WarningLevel, false)) { }
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Akkas_own_console_lines_go_to_the_file()
    {
        using var temp = new TempDirectory();
        string path = temp.File("distsnn.log");
        var terminal = new StringWriter();
        using (var log = new NodeLog(path, terminal, LogLevel.WarningLevel, false))
        {
            var console = new NodeLogStandardOutput(log);
            console.Write("[INFO][...][remoting-terminator] Remoting shut down.\n");
        }
        Assert.Equal("", terminal.ToString());
        Assert.Contains("Remoting shut down.", File.ReadAllText(path));
    }

    [Fact]
    public void A_captured_standard_output_is_still_known_as_the_terminal()
    {
        // The summary table sizes itself to the terminal when its writer is standard output, also in a cluster study,
        // whose Console.Out is the log's stand-in by then.
        using var temp = new TempDirectory();
        TextWriter original = Console.Out;
        using var log = new NodeLog(temp.File("distsnn.log"), new StringWriter(), LogLevel.WarningLevel, verbose: false);
        using (NodeLogStandardOutput.Capture(log))
        {
            Assert.NotSame(original, Console.Out);
            Assert.True(NodeLogStandardOutput.IsStandardOutput(original));
            Assert.False(NodeLogStandardOutput.IsStandardOutput(new StringWriter()));
        }
        Assert.Same(original, Console.Out);
        Assert.True(NodeLogStandardOutput.IsStandardOutput(original));
        Assert.False(NodeLogStandardOutput.IsStandardOutput(new StringWriter()));
    }

    [Fact]
    public void A_log_file_that_cannot_be_written_warns_once_and_logging_goes_on()
    {
        using var temp = new TempDirectory();
        string path = temp.File("taken");
        Directory.CreateDirectory(path);   // a directory where the file should be
        var terminal = new StringWriter();
        using (var log = new NodeLog(path, terminal, LogLevel.WarningLevel, verbose: false))
        {
            log.Write(Own);
            log.Write(Own);
        }
        string[] lines = terminal.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines, l => l.StartsWith("warning: cannot write the log", StringComparison.Ordinal));
        Assert.Equal(2, lines.Count(l => l.Contains("stopped answering", StringComparison.Ordinal)));
        Assert.Throws<UnauthorizedAccessException>(() => NodeLog.CheckWritable(path));
    }

    [Fact]
    public void A_live_display_takes_the_terminal_lines_while_it_runs()
    {
        using var temp = new TempDirectory();
        var terminal = new StringWriter();
        var shown = new List<string>();
        using (var log = new NodeLog(temp.File("distsnn.log"), terminal, LogLevel.WarningLevel, verbose: false))
        {
            using (log.DivertTerminal(shown.Add))
            {
                log.Write(Own);
                log.Write(Akkas);   // Akka's own: neither on the terminal nor in the display
            }
            log.Line("after the display");
        }
        Assert.Single(shown);
        Assert.Contains("stopped answering", shown[0]);
        Assert.Equal("after the display" + Environment.NewLine, terminal.ToString());
        Assert.Contains("AssociationError", File.ReadAllText(temp.File("distsnn.log")));
    }
}
