using MessagePack;

namespace DistSnn.Runtime.Protocol;

/// <summary>Asks a tile or a neuron group for what it counted over the trial.</summary>
[MessagePackObject]
public sealed record CounterTotalsRequest([property: Key(0)] int Trial) : IProtocolMessage;

/// <summary>
/// What a tile or a neuron group counted over the whole trial: a <see cref="Core.Trial.ChipCounters"/> bag as its
/// array (layer-major, <see cref="Core.Trial.ChipCounters.Kinds"/> counters per layer, every layer of the model).
/// </summary>
[MessagePackObject]
public sealed record CounterTotals([property: Key(0)] long[] Counters) : IProtocolMessage;
