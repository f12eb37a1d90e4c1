using System.Runtime.Serialization;
using Akka.Actor;
using DistSnn.Core.Trial;
using DistSnn.Runtime.Protocol;
using MessagePack;

namespace DistSnn.Runtime.Tests.Protocol;

/// <summary>Payloads a peer may send that must be refused with a <see cref="SerializationException"/> and nothing else.</summary>
public class ProtocolRejectionTests() : Akka.TestKit.Xunit2.TestKit(ProtocolConfig.LocalTest)
{
    private ProtocolSerializer Serializer => new((ExtendedActorSystem)Sys);

    [Theory]
    [InlineData("")]
    [InlineData("SPK")]
    [InlineData("DistSnn.Runtime.Protocol.SpikeSegment, DistSnn.Runtime")]
    [InlineData("System.Diagnostics.Process, System.Diagnostics.Process")]
    public void An_unknown_manifest_is_refused(string manifest)
    {
        var bytes = Serializer.ToBinary(new RunTrial(1, 2));
        var error = Assert.Throws<SerializationException>(() => Serializer.FromBinary(bytes, manifest));
        Assert.Contains("Unknown message manifest", error.Message);
    }

    [Fact]
    public void An_unknown_manifest_is_refused_through_the_actor_systems_serialization()
    {
        var bytes = Serializer.ToBinary(new RunTrial(1, 2));
        Assert.Throws<SerializationException>(
            () => Sys.Serialization.Deserialize(bytes, ProtocolSerializer.SerializerId, "nope"));
    }

    [Fact]
    public void A_missing_payload_or_manifest_is_refused()
    {
        Assert.Throws<SerializationException>(() => Serializer.FromBinary(null!, "run"));
        Assert.Throws<SerializationException>(() => Serializer.FromBinary(Serializer.ToBinary(new RunTrial(1, 2)), null!));
    }

    [Theory]
    [MemberData(nameof(ProtocolSamples.Manifests), MemberType = typeof(ProtocolSamples))]
    public void Every_truncation_of_a_payload_is_refused(string manifest)
    {
        var bytes = Serializer.ToBinary(ProtocolSamples.For(manifest));
        for (var length = 0; length < bytes.Length; length++)
        {
            var prefix = bytes[..length];
            Assert.Throws<SerializationException>(() => Serializer.FromBinary(prefix, manifest));
        }
    }

    [Theory]
    [MemberData(nameof(ProtocolSamples.Manifests), MemberType = typeof(ProtocolSamples))]
    public void Bytes_after_the_message_are_refused(string manifest)
    {
        byte[] bytes = [.. Serializer.ToBinary(ProtocolSamples.For(manifest)), 0x01];
        Assert.Throws<SerializationException>(() => Serializer.FromBinary(bytes, manifest));
    }

    [Fact]
    public void A_payload_above_the_limit_is_refused_before_parsing()
    {
        var bytes = Serializer.ToBinary(ProtocolSamples.For("psum"));
        var atLimit = new ProtocolSerializer((ExtendedActorSystem)Sys, maxPayloadBytes: bytes.Length);
        var belowLimit = new ProtocolSerializer((ExtendedActorSystem)Sys, maxPayloadBytes: bytes.Length - 1);

        Assert.IsType<PartialSums>(atLimit.FromBinary(bytes, "psum"));
        var error = Assert.Throws<SerializationException>(() => belowLimit.FromBinary(bytes, "psum"));
        Assert.Contains("above the limit", error.Message);

        // Over the default limit, whatever the content: refused without being read.
        var huge = new byte[ProtocolSerializer.DefaultMaxPayloadBytes + 1];
        Assert.Throws<SerializationException>(() => Serializer.FromBinary(huge, "psum"));
    }

    [Fact]
    public void A_payload_of_one_type_under_the_manifest_of_another_is_refused()
    {
        foreach (var from in ProtocolManifest.Entries)
        {
            var bytes = Serializer.ToBinary(ProtocolSamples.For(from.Type));
            foreach (var to in ProtocolManifest.Entries.Where(e => e != from))
            {
                Assert.Throws<SerializationException>(() => Serializer.FromBinary(bytes, to.Manifest));
            }
        }
    }

    [Theory]
    [MemberData(nameof(ProtocolSamples.Manifests), MemberType = typeof(ProtocolSamples))]
    public void A_well_formed_but_inconsistent_message_is_refused(string manifest)
    {
        Assert.True(ProtocolManifest.TryGet(manifest, out var entry));
        foreach (var inconsistent in Inconsistent(ProtocolSamples.For(manifest)))
        {
            Assert.NotNull(entry.FindProblem(inconsistent));
            // Written the way a careless or hostile peer would: tag and record, without the sender's checks.
            byte[] bytes = [.. Tag(manifest), .. MessagePackSerializer.Serialize(entry.Type, inconsistent)];
            var error = Assert.Throws<SerializationException>(() => Serializer.FromBinary(bytes, manifest));
            Assert.Contains("Inconsistent", error.Message);
        }
    }

    [Theory]
    [MemberData(nameof(ProtocolSamples.Manifests), MemberType = typeof(ProtocolSamples))]
    public void A_record_with_a_member_missing_or_added_is_refused(string manifest)
    {
        var body = MessagePackSerializer.Serialize(ProtocolSamples.For(manifest).GetType(), ProtocolSamples.For(manifest));
        var fields = body[0] & 0x0f;
        byte[] missing = [.. Tag(manifest), (byte)(0x90 | (fields - 1)), .. WithoutLastMember(body, fields)[1..]];
        byte[] added = [.. Tag(manifest), (byte)(0x90 | (fields + 1)), .. body[1..], 0x00];

        Assert.Throws<SerializationException>(() => Serializer.FromBinary(missing, manifest));
        Assert.Throws<SerializationException>(() => Serializer.FromBinary(added, manifest));
    }

    [Theory]
    [MemberData(nameof(ProtocolSamples.Manifests), MemberType = typeof(ProtocolSamples))]
    public void A_nil_or_foreign_body_is_refused(string manifest)
    {
        byte[][] bodies =
        [
            [0xc0], // nil
            [0x90], // empty array
            MessagePackSerializer.Serialize("a string"),
            MessagePackSerializer.Serialize(new Dictionary<string, int> { ["Batch"] = 1 }),
        ];
        foreach (var body in bodies)
        {
            byte[] bytes = [.. Tag(manifest), .. body];
            Assert.Throws<SerializationException>(() => Serializer.FromBinary(bytes, manifest));
        }
    }

    [Theory]
    [MemberData(nameof(ProtocolSamples.Manifests), MemberType = typeof(ProtocolSamples))]
    public void Random_and_mutated_payloads_only_ever_raise_serialization_exceptions(string manifest)
    {
        Assert.True(ProtocolManifest.TryGet(manifest, out var entry));
        var serializer = Serializer;
        var valid = serializer.ToBinary(ProtocolSamples.For(manifest));
        // Seeded from the manifest (string.GetHashCode differs per process), so a failure reproduces.
        var random = new Random(manifest.Aggregate(17, (hash, c) => hash * 31 + c));
        var refused = 0;
        for (var i = 0; i < 3000; i++)
        {
            var bytes = (i % 3) switch
            {
                0 => RandomBytes(random, random.Next(0, 256)),
                1 => [.. Tag(manifest), .. RandomBytes(random, random.Next(0, 256))],
                _ => Mutate(random, valid),
            };
            try
            {
                // A mutated payload may still be a valid message (say, a flipped bit of a double): that is fine,
                // as long as it is of the manifest's type and consistent.
                var message = Assert.IsAssignableFrom<IProtocolMessage>(serializer.FromBinary(bytes, manifest));
                Assert.IsType(entry.Type, message);
                Assert.Null(entry.FindProblem(message));
            }
            catch (SerializationException)
            {
                refused++;
            }
        }

        Assert.True(refused > 2000, $"Only {refused} of 3000 random payloads were refused.");
    }

    [Theory]
    [MemberData(nameof(ProtocolSamples.Manifests), MemberType = typeof(ProtocolSamples))]
    public void Deeply_nested_arrays_are_refused_without_overflowing_the_stack(string manifest)
    {
        const int depth = 100_000;
        byte[] nested = [.. Enumerable.Repeat((byte)0x91, depth), 0xc0]; // [[[...[nil]...]]]
        var body = MessagePackSerializer.Serialize(ProtocolSamples.For(manifest).GetType(), ProtocolSamples.For(manifest));
        var fields = body[0] & 0x0f;
        Assert.Equal(0x90, body[0] & 0xf0); // every record here has fewer than 16 members: a fixarray header

        byte[][] payloads =
        [
            nested,
            [.. Tag(manifest), .. nested],
            // As the record's last member, where the record's own formatter has to read it.
            [.. Tag(manifest), .. WithoutLastMember(body, fields), .. nested],
            // As an extra member after the known ones, which the formatter skips over.
            [.. Tag(manifest), (byte)(0x90 | (fields + 1)), .. body[1..], .. nested],
        ];
        foreach (var bytes in payloads)
        {
            Assert.Throws<SerializationException>(() => Serializer.FromBinary(bytes, manifest));
        }
    }

    private static long[] Negative(long[] counters) => [-1, .. counters[1..]];

    /// <summary>The first layer's clipped conversions one above its conversions.</summary>
    private static long[] OverClipped(long[] counters)
    {
        long[] copy = [.. counters];
        copy[(int)ChipCounter.AdcClipped] = copy[(int)ChipCounter.AdcConversions] + 1;
        return copy;
    }

    private static byte[] Tag(string manifest) => MessagePackSerializer.Serialize(manifest);

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Mutate(Random random, byte[] valid)
    {
        var bytes = (byte[])valid.Clone();
        for (var n = random.Next(1, 5); n > 0; n--)
        {
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        }

        return bytes;
    }

    // The encoding of a record minus its last member; the array header still counts it.
    private static byte[] WithoutLastMember(byte[] body, int fields)
    {
        var reader = new MessagePackReader(body);
        reader.ReadArrayHeader();
        for (var i = 0; i < fields - 1; i++)
        {
            reader.Skip();
        }

        return body[..(int)reader.Consumed];
    }

    // Variants of a consistent sample that break one of its invariants each.
    private static IEnumerable<IProtocolMessage> Inconsistent(IProtocolMessage sample) => sample switch
    {
        SpikeSegment m => [m with { Bits = m.Bits[1..] }, m with { Bits = null! }, m with { Count = -1 }, m with { Samples = m.Samples + 1 }],
        AnalogSegment m => [m with { Values = [.. m.Values, 0f] }, m with { Values = null! }, m with { Start = -1 }],
        PartialSums m => [m with { Cols = m.Cols + 1 }, m with { Values = null! }, m with { TileRow = -1 }, m with { Variances = [1f] }, m with { Variances = null! }],
        OutputMembrane m => [m with { Count = m.Count - 1 }, m with { Values = null! }, m with { Batch = -1 }],
        BatchScored m => [m with { Correct = m.Samples + 1 }, m with { Samples = -1 }],
        EncodeBatch m => [m with { First = -1 }, m with { Samples = -1 }],
        RoundIntegrated m => [m with { Round = -1 }, m with { Batch = -1 }],
        RegisterWorker m => [m with { Threads = 0 }, m with { ProtocolVersion = -1 }],
        RegistrationRefused m => [m with { Reason = null! }, m with { Reason = new string('x', 5000) }],
        StudyOffer m => [m with { Hash = "../x" }, m with { Chunks = 0 }],
        WorkRequest m => [m with { Credits = 0 }],
        CounterTotalsRequest m => [m with { Trial = -1 }],
        CounterTotals m => [m with { Counters = null! }, m with { Counters = m.Counters[1..] }, m with { Counters = Negative(m.Counters) }, m with { Counters = OverClipped(m.Counters) }],
        RunTrial m => [m with { Point = -1 }, m with { Trial = int.MinValue }],
        TrialCompleted m => [m with { Correct = m.Total + 1 }, m with { Counters = Negative(m.Counters) }, m with { Counters = m.Counters[..^1] }],
        PackageChunk m =>
        [
            m with { Index = m.Count }, m with { Index = -1 }, m with { Count = 0, Index = 0 }, m with { Bytes = null! },
            m with { Bytes = new byte[PackageChunk.MaxBytes + 1] }, m with { Hash = m.Hash.ToUpperInvariant() },
            m with { Hash = m.Hash[1..] }, m with { Hash = "../../etc/passwd" }, m with { Hash = null! },
        ],
        PackageRequest m => [m with { FromIndex = -1 }, m with { Hash = m.Hash + "0" }, m with { Hash = null! }],
        HostTile m => [m with { Hash = "../x" }, m with { Point = -1 }, m with { Trial = -1 }, m with { Layer = -1 }, m with { TileRow = -1 }, m with { TileCol = -1 }],
        TileReady m => [m with { Layer = -1 }, m with { Tile = -1 }],
        AttachGroup m => [m with { Layer = -1 }, m with { Tile = -1 }],
        TrialFailed m => [m with { Point = -1 }, m with { Trial = -1 }, m with { Reason = null! }, m with { Reason = new string('x', 5000) }],
        _ => throw new Xunit.Sdk.XunitException($"No inconsistent variants of {sample.GetType().Name}: add them here."),
    };
}
