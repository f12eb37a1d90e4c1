using MessagePack;

namespace DistSnn.Runtime.Protocol;

/// <summary>Membrane readout: a last-layer group's potentials <c>[Start, Start + Count)</c> after the last round, sample-major.</summary>
[MessagePackObject]
public sealed record OutputMembrane(
    [property: Key(0)] int Batch,
    [property: Key(1)] int Start,
    [property: Key(2)] int Count,
    [property: Key(3)] int Samples,
    [property: Key(4)] double[] Values) : IProtocolMessage;
