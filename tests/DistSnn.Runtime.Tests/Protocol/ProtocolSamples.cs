using DistSnn.Runtime.Cluster;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime.Tests.Protocol;

/// <summary>
/// One consistent sample of every message type. Tests enumerate <see cref="ProtocolManifest.Entries"/> and ask
/// for a sample of each, so a type added to the table without a sample here fails loudly.
/// </summary>
internal static class ProtocolSamples
{
    private static readonly Dictionary<Type, Func<IProtocolMessage>> Factories = new()
    {
        [typeof(SpikeSegment)] = () => new SpikeSegment(3, 7, 64, 100, 3, Words(3 * 2)),
        [typeof(AnalogSegment)] = () => new AnalogSegment(2, 5, 10, 7, 4, Floats(4 * 7)),
        [typeof(PartialSums)] = () => new PartialSums(1, 4, 2, 3, 5, Doubles(3 * 5).Select(x => (float)x).ToArray(), new float[3 * 5]),
        // Special values too: the wire must carry doubles bit for bit.
        [typeof(OutputMembrane)] = () => new OutputMembrane(6, 0, 10, 2,
            [.. Doubles(2 * 10 - 4), double.NaN, -0.0, double.PositiveInfinity, double.Epsilon]),
        [typeof(BatchScored)] = () => new BatchScored(9, 32, 27),
        [typeof(EncodeBatch)] = () => new EncodeBatch(3, 192, 64),
        [typeof(RoundIntegrated)] = () => new RoundIntegrated(3, 17),
        [typeof(RegisterWorker)] = () => new RegisterWorker(1, 4),
        [typeof(RegistrationRefused)] = () => new RegistrationRefused("the worker speaks protocol version 3, the coordinator 2: run the same distsnn release on every node"),
        [typeof(StudyOffer)] = () => new StudyOffer(new string('a', 64), 3),
        [typeof(WorkRequest)] = () => new WorkRequest(2),
        [typeof(CounterTotalsRequest)] = () => new CounterTotalsRequest(11),
        [typeof(CounterTotals)] = () => new CounterTotals(Counted.Adc(17, 4096).ToArray()),
        [typeof(RunTrial)] = () => new RunTrial(3, 8),
        [typeof(TrialCompleted)] = () => new TrialCompleted(3, 8, 90, 100, Counted.Adc(12, 40_000_000_000).ToArray()),
        [typeof(PackageChunk)] = () => new PackageChunk(Hash, 2, 5, Bytes(300)),
        [typeof(PackageRequest)] = () => new PackageRequest(Hash, 3),
        [typeof(HostTile)] = () => new HostTile(Hash, 4, 9, 1, 2, 3),
        [typeof(TileReady)] = () => new TileReady(1, 7),
        [typeof(AttachGroup)] = () => new AttachGroup(1, 7),
        [typeof(TrialFailed)] = () => new TrialFailed(3, 8, "Index was outside the bounds of the array."),
    };

    /// <summary>The manifest of every allowed type, one theory case each.</summary>
    public static TheoryData<string> Manifests => [.. ProtocolManifest.Entries.Select(e => e.Manifest)];

    /// <summary>A sample of the type registered under <paramref name="manifest"/>.</summary>
    public static IProtocolMessage For(string manifest)
    {
        Assert.True(ProtocolManifest.TryGet(manifest, out var entry), $"No manifest '{manifest}'.");
        return For(entry.Type);
    }

    /// <summary>A sample of <paramref name="type"/>.</summary>
    public static IProtocolMessage For(Type type) =>
        Factories.TryGetValue(type, out var factory)
            ? factory()
            : throw new Xunit.Sdk.XunitException($"No sample of {type.Name}: add one to {nameof(ProtocolSamples)}.");

    /// <summary>A well-formed package hash.</summary>
    public static string Hash => PackageHash.Of("sample"u8);

    private static byte[] Bytes(int n)
    {
        var bytes = new byte[n];
        new Random(n).NextBytes(bytes);
        return bytes;
    }

    private static ulong[] Words(int n)
    {
        var random = new Random(n);
        return [.. Enumerable.Range(0, n).Select(_ => (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63))];
    }

    private static float[] Floats(int n)
    {
        var random = new Random(n);
        return [.. Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() * 2 - 1))];
    }

    private static double[] Doubles(int n)
    {
        var random = new Random(n);
        return [.. Enumerable.Range(0, n).Select(_ => random.NextDouble() * 1e3 - 5e2)];
    }
}
