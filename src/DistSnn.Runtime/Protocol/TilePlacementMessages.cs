using MessagePack;

namespace DistSnn.Runtime.Protocol;

/// <summary>
/// Spread placement: a trial asks a worker node to create one of its tiles. The worker builds the tile from its
/// copy of the study package (checked by <paramref name="Hash"/>), so no weights cross the network; the tile
/// answers the sender with <see cref="TileReady"/>.
/// </summary>
[MessagePackObject]
public sealed record HostTile(
    [property: Key(0)] string Hash,
    [property: Key(1)] int Point,
    [property: Key(2)] int Trial,
    [property: Key(3)] int Layer,
    [property: Key(4)] int TileRow,
    [property: Key(5)] int TileCol) : IProtocolMessage;

/// <summary>A tile placed on another node is programmed and waits for its neuron group; its sender is the tile.</summary>
[MessagePackObject]
public sealed record TileReady(
    [property: Key(0)] int Layer,
    [property: Key(1)] int Tile) : IProtocolMessage;

/// <summary>
/// Tells a placed tile where its partial sums go: to the sender of this message (the neuron group). Actor
/// references travel as Akka's own sender field, so the payload stays plain data.
/// </summary>
[MessagePackObject]
public sealed record AttachGroup(
    [property: Key(0)] int Layer,
    [property: Key(1)] int Tile) : IProtocolMessage;
