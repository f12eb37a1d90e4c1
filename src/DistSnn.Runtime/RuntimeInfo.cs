namespace DistSnn.Runtime;

/// <summary>The Akka.NET side of DistSnn: actors of a trial, the wire protocol, the result store and reports.</summary>
public static class RuntimeInfo
{
    /// <summary>Raised whenever the wire protocol changes incompatibly; nodes with another version are refused.</summary>
    public const int ProtocolVersion = 5;
}
