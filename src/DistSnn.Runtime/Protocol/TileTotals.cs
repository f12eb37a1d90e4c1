using MessagePack;

namespace DistSnn.Runtime.Protocol;

/// <summary>Asks a tile for its trial totals.</summary>
[MessagePackObject]
public sealed record TileTotalsRequest([property: Key(0)] int Trial) : IProtocolMessage;

/// <summary>A tile's ADC statistics over the whole trial.</summary>
[MessagePackObject]
public sealed record TileTotals(
    [property: Key(0)] int Layer,
    [property: Key(1)] int Tile,
    [property: Key(2)] long AdcClipped,
    [property: Key(3)] long AdcConversions) : IProtocolMessage;
