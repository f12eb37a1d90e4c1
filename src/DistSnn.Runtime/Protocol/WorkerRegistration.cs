using MessagePack;

namespace DistSnn.Runtime.Protocol;

/// <summary>A worker announces itself to the study coordinator: its protocol version and how many trials it runs at once.</summary>
[MessagePackObject]
public sealed record RegisterWorker(
    [property: Key(0)] int ProtocolVersion,
    [property: Key(1)] int Threads) : IProtocolMessage;

/// <summary>The coordinator refuses a worker (another protocol version, ...); the worker logs the reason.</summary>
[MessagePackObject]
public sealed record RegistrationRefused([property: Key(0)] string Reason) : IProtocolMessage;

/// <summary>The coordinator accepted a worker: the study package to fetch (by content hash) before asking for work.</summary>
[MessagePackObject]
public sealed record StudyOffer(
    [property: Key(0)] string Hash,
    [property: Key(1)] int Chunks) : IProtocolMessage;

/// <summary>A worker asks for this many more trials (pull-based work distribution).</summary>
[MessagePackObject]
public sealed record WorkRequest([property: Key(0)] int Credits) : IProtocolMessage;
