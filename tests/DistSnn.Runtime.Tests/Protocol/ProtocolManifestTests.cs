using DistSnn.Core.Trial;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime.Tests.Protocol;

public class ProtocolManifestTests
{
    [Fact]
    public void Manifests_and_types_are_unique_and_short()
    {
        var entries = ProtocolManifest.Entries;
        Assert.Equal(entries.Count, entries.Select(e => e.Manifest).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(entries.Count, entries.Select(e => e.Type).Distinct().Count());
        Assert.All(entries, e => Assert.InRange(e.Manifest.Length, 1, 8));
    }

    [Fact]
    public void Lookups_go_both_ways()
    {
        foreach (var entry in ProtocolManifest.Entries)
        {
            Assert.True(ProtocolManifest.TryGet(entry.Manifest, out var byManifest));
            Assert.Same(entry, byManifest);
            Assert.True(ProtocolManifest.TryGet(entry.Type, out var byType));
            Assert.Same(entry, byType);
        }
    }

    [Fact]
    public void Unlisted_names_and_types_are_not_found()
    {
        Assert.False(ProtocolManifest.TryGet("DistSnn.Runtime.Protocol.SpikeSegment", out _));
        Assert.False(ProtocolManifest.TryGet("SPK", out _));
        Assert.False(ProtocolManifest.TryGet(typeof(string), out _));
        Assert.False(ProtocolManifest.TryGet(typeof(IProtocolMessage), out _));
    }

    [Fact]
    public void Every_protocol_message_type_of_the_runtime_is_listed()
    {
        var declared = typeof(IProtocolMessage).Assembly.GetTypes()
            .Where(t => typeof(IProtocolMessage).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false });
        Assert.All(declared, t => Assert.True(ProtocolManifest.TryGet(t, out _), $"{t.Name} is missing from ProtocolManifest."));
    }

    [Theory]
    [MemberData(nameof(ProtocolSamples.Manifests), MemberType = typeof(ProtocolSamples))]
    public void Every_listed_type_has_a_consistent_sample(string manifest)
    {
        Assert.True(ProtocolManifest.TryGet(manifest, out var entry));
        var sample = ProtocolSamples.For(manifest);
        Assert.IsType(entry.Type, sample);
        Assert.Null(entry.FindProblem(sample));
    }

    [Fact]
    public void Inconsistent_messages_are_named()
    {
        Assert.True(ProtocolManifest.TryGet(typeof(SpikeSegment), out var spikes));
        Assert.Contains("Bits", spikes.FindProblem(new SpikeSegment(0, 0, 0, 65, 2, new ulong[3])));
        Assert.Contains("Bits is missing", spikes.FindProblem(new SpikeSegment(0, 0, 0, 1, 1, null!)));
        Assert.Contains("Count", spikes.FindProblem(new SpikeSegment(0, 0, 0, -1, 0, [])));
        Assert.Contains("overflows", spikes.FindProblem(new SpikeSegment(0, 0, int.MaxValue, 1, 0, [])));
        Assert.Null(spikes.FindProblem(new SpikeSegment(0, 0, 0, 65, 2, new ulong[4])));
        Assert.Null(spikes.FindProblem(new SpikeSegment(0, 0, 0, 0, 5, [])));

        Assert.True(ProtocolManifest.TryGet(typeof(PartialSums), out var sums));
        Assert.Contains("Values", sums.FindProblem(new PartialSums(0, 0, 0, 3, 4, new float[11], [])));
        Assert.Null(sums.FindProblem(new PartialSums(0, 0, 0, 3, 4, new float[12], [])));

        Assert.True(ProtocolManifest.TryGet(typeof(TrialCompleted), out var completed));
        Assert.Contains("exceeds", completed.FindProblem(new TrialCompleted(0, 0, 11, 10, [])));
        Assert.Contains("clipped 5 conversions of 4", completed.FindProblem(new TrialCompleted(0, 0, 1, 10, Counted.Adc(5, 4).ToArray())));
        Assert.Contains("whole number of layers", completed.FindProblem(new TrialCompleted(0, 0, 1, 10, new long[ChipCounters.Kinds + 1])));
        Assert.Null(completed.FindProblem(new TrialCompleted(0, 0, 1, 10, Counted.Adc(4, 5).ToArray())));
    }
}
