using DistSnn.Core.Data;
using DistSnn.Core.Models;
using DistSnn.Core.Snn;
using DistSnn.Core.Study;
using DistSnn.Runtime.Cluster;
using MessagePack;

namespace DistSnn.Runtime.Tests.Cluster;

public class StudyPackageTests
{
    [Fact]
    public void The_demo_package_rebuilds_the_same_spec_model_and_data()
    {
        var received = StudyPackage.Deserialize(TestPackages.Demo.Serialize());

        Assert.Equal(TestPackages.Demo.Hash, received.Hash);
        Assert.Equal(RuntimeInfo.ProtocolVersion, received.ProtocolVersion);
        Assert.Equal(StudySpecReader.ReadDemo([]).CanonicalText, received.ToSpec().CanonicalText);
        AssertSameModel(BuiltinModels.Load("digits-mlp", "test"), received.ToModel());
        AssertSameData(BuiltinDatasets.Digits("test"), received.ToDataset());
    }

    [Fact]
    public void The_fashion_package_rebuilds_the_same_spec_model_and_data_without_reading_its_paths()
    {
        var bytes = TestPackages.Fashion.Serialize();
        var received = StudyPackage.Deserialize(bytes);

        var coordinatorSpec = StudySpecReader.ReadText(TestPackages.FashionSpecText, TestPackages.FashionSpecOrigin,
            Path.GetDirectoryName(TestPackages.FashionSpecOrigin), TestPackages.FashionSets);
        var workerSpec = received.ToSpec();
        Assert.Equal(coordinatorSpec.CanonicalText, workerSpec.CanonicalText);
        Assert.Contains("trials", workerSpec.CanonicalText);
        Assert.Equal(4, workerSpec.Trials.Max); // the --set list travelled
        Assert.Equal(TestPackages.FashionSpecOrigin, workerSpec.Origin);

        AssertSameModel(ModelFile.Load(TestPackages.FashionModelPath), received.ToModel());
        AssertSameData(TestPackages.FashionData(), received.ToDataset());
        Assert.True(bytes.Length > 1_500_000, $"{bytes.Length} bytes");
    }

    [Fact]
    public void The_hash_names_the_content()
    {
        Assert.Equal(PackageHash.Of(TestPackages.Demo.Serialize()), TestPackages.Demo.Hash);
        Assert.True(PackageHash.IsWellFormed(TestPackages.Demo.Hash));
        Assert.NotEqual(TestPackages.Demo.Hash, TestPackages.Fashion.Hash);

        // The same study packaged twice is the same package: workers can find it in their cache.
        var again = StudyPackage.Create(StudySpecReader.DemoSpecText, StudySpecReader.DemoOrigin, [],
            BuiltinModels.Load("digits-mlp", "test"), BuiltinDatasets.Digits("test"));
        Assert.Equal(TestPackages.Demo.Hash, again.Hash);
        var other = StudyPackage.Create(StudySpecReader.DemoSpecText, StudySpecReader.DemoOrigin, ["seed=2"],
            BuiltinModels.Load("digits-mlp", "test"), BuiltinDatasets.Digits("test"));
        Assert.NotEqual(TestPackages.Demo.Hash, other.Hash);
    }

    [Fact]
    public void A_data_subset_keeps_its_first_index()
    {
        var slice = BuiltinDatasets.Digits("test").Slice(10, 25);
        var package = StudyPackage.Create(StudySpecReader.DemoSpecText, StudySpecReader.DemoOrigin, [],
            BuiltinModels.Load("digits-mlp", "test"), slice);

        AssertSameData(slice, StudyPackage.Deserialize(package.Serialize()).ToDataset());
    }

    [Fact]
    public void Serialize_hands_out_copies()
    {
        var bytes = TestPackages.Demo.Serialize();
        bytes[0] ^= 0xff;
        Assert.Equal(TestPackages.Demo.Hash, PackageHash.Of(TestPackages.Demo.Serialize()));
    }

    [Fact]
    public void Malformed_bytes_are_refused_with_an_invalid_data_exception()
    {
        var bytes = TestPackages.Demo.Serialize();
        byte[][] malformed =
        [
            [],
            [0xc0],
            bytes[..(bytes.Length / 2)],
            [.. bytes, 0x00],
            MessagePackSerializer.Serialize("not a package"),
            MessagePackSerializer.Serialize(new[] { RuntimeInfo.ProtocolVersion }),
            [.. Enumerable.Repeat((byte)0x91, 100_000), 0xc0],
        ];
        foreach (var b in malformed)
        {
            var error = Assert.Throws<InvalidDataException>(() => StudyPackage.Deserialize(b));
            Assert.Contains("study package", error.Message);
        }
    }

    [Fact]
    public void Random_mutations_only_ever_raise_invalid_data_exceptions()
    {
        var valid = TestPackages.Demo.Serialize();
        var random = new Random(4);
        for (var i = 0; i < 300; i++)
        {
            var bytes = (byte[])valid.Clone();
            // Mutate the header and the front, where the structure is, more often than the bulk data.
            for (var n = random.Next(1, 4); n > 0; n--)
            {
                bytes[random.Next(i % 2 == 0 ? 2000 : bytes.Length)] = (byte)random.Next(256);
            }

            try
            {
                StudyPackage.Deserialize(bytes);
            }
            catch (InvalidDataException)
            {
            }
        }
    }

    [Fact]
    public void A_package_of_another_protocol_version_is_named_as_such()
    {
        var record = MessagePackSerializer.Deserialize<StudyPackageRecord>(TestPackages.Demo.Serialize());
        var bytes = MessagePackSerializer.Serialize(record with { ProtocolVersion = RuntimeInfo.ProtocolVersion + 1 });

        var error = Assert.Throws<InvalidDataException>(() => StudyPackage.Deserialize(bytes));
        Assert.Contains($"protocol version {RuntimeInfo.ProtocolVersion + 1}", error.Message);
    }

    [Fact]
    public void An_inconsistent_package_is_refused()
    {
        var record = MessagePackSerializer.Deserialize<StudyPackageRecord>(TestPackages.Demo.Serialize());
        StudyPackageRecord[] inconsistent =
        [
            record with { Values = record.Values[1..] },
            record with { Labels = [.. record.Labels[..^1], record.Classes] },
            record with { Shape = [record.Features + 1] },
            record with { Features = 0 },
            record with { FirstIndex = -1 },
            record with { Sets = [null!] },
            record with { ModelBytes = null! },
            record with { SpecText = null! },
        ];
        foreach (var r in inconsistent)
        {
            var error = Assert.Throws<InvalidDataException>(() => StudyPackage.Deserialize(MessagePackSerializer.Serialize(r)));
            Assert.Contains("Inconsistent study package", error.Message);
        }
    }

    private static void AssertSameModel(SnnModel expected, SnnModel actual) =>
        Assert.Equal(
            SafetensorsFile.Serialize(ModelFile.ToSafetensors(expected)),
            SafetensorsFile.Serialize(ModelFile.ToSafetensors(actual)));

    private static void AssertSameData(Dataset expected, Dataset actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Features, actual.Features);
        Assert.Equal(expected.Classes, actual.Classes);
        Assert.Equal(expected.Shape, actual.Shape);
        Assert.Equal(expected.FirstIndex, actual.FirstIndex);
        Assert.Equal(expected.Labels, actual.Labels);
        Assert.True(expected.Values.AsSpan().SequenceEqual(actual.Values), "the values differ");
    }
}
