namespace DistSnn.Runtime.Protocol;

/// <summary>
/// Marker of every message that may cross a node. HOCON binds this interface to <see cref="ProtocolSerializer"/>,
/// which only accepts the types listed in <see cref="ProtocolManifest"/>.
/// </summary>
public interface IProtocolMessage;
