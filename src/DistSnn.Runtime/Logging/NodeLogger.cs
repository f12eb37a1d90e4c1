using Akka.Actor;
using Akka.Dispatch;
using Akka.Event;

namespace DistSnn.Runtime.Logging;

/// <summary>
/// The Akka logger (<c>akka.loggers</c>) of a DistSnn node: hands every log event to the process's
/// <see cref="NodeLog"/>, which the actor system carries in its <see cref="NodeLogSetup"/> (Akka creates loggers
/// by type, so that is how the file and the terminal reach it). A system without that setup has nothing to write
/// to: the events then go to standard output, as with Akka's default logger.
/// </summary>
public sealed class NodeLogger : ReceiveActor, IRequiresMessageQueue<ILoggerMessageQueueSemantics>
{
    public NodeLogger()
    {
        var setup = Context.System.Settings.Setup.Get<NodeLogSetup>();
        NodeLog? log = setup.HasValue ? setup.Value.Log : null;
        Receive<InitializeLogger>(_ => Sender.Tell(new LoggerInitialized()));
        Receive<LogEvent>(e =>
        {
            if (log is null) Console.WriteLine(e.ToString());
            else log.Write(e);
        });
    }
}
