using DistSnn.Core.Data;
using DistSnn.Core.Study;

namespace DistSnn.Core.Tests.Data;

public class DataLoaderTests
{
    private const string Spec = "study.yaml";

    [Fact]
    public void Loads_the_built_in_sets_with_offset_and_limit()
    {
        Dataset digits = DataLoader.Load(new DataSpec("digits", Split: "test", Offset: 10, Limit: 50), null, Spec);
        Dataset all = BuiltinDatasets.Digits("test");

        Assert.Equal(50, digits.Count);
        Assert.Equal(all.Labels.Skip(10).Take(50), digits.Labels);
        Assert.Equal(all.Sample(10).ToArray(), digits.Sample(0).ToArray());
        Assert.Equal(455, DataLoader.Load(new DataSpec("breast-cancer", Split: "train"), null, Spec).Count);
    }

    [Fact]
    public void A_limit_that_reaches_the_end_exactly_is_accepted()
    {
        Dataset tail = DataLoader.Load(new DataSpec("digits", Offset: 590, Limit: 7), null, Spec);
        Assert.Equal(7, tail.Count);
    }

    [Fact]
    public void A_limit_beyond_the_end_is_bad_input_not_clamped()
    {
        var e = Assert.Throws<InputException>(() => DataLoader.Load(new DataSpec("digits", Offset: 590, Limit: 8), null, Spec));
        Assert.Equal(Spec, e.Origin);
        Assert.Equal("data.limit", e.Field);
        Assert.Contains("at most 7 samples from offset 590", e.Message);
        Assert.Contains("597", e.Message);
        Assert.Contains("got 8", e.Message);
    }

    [Fact]
    public void A_limit_beyond_the_end_of_a_partly_read_Fashion_MNIST_file_is_bad_input()
    {
        // Only offset + limit images are read from an IDX file, so the check must hold for a load that stopped early.
        var e = Assert.Throws<InputException>(() => DataLoader.Load(new DataSpec("fashion-mnist", Offset: 9_990, Limit: 11), null, Spec));
        Assert.Equal("data.limit", e.Field);
        Assert.Contains("at most 10 samples", e.Message);
    }

    [Fact]
    public void An_offset_past_the_end_is_bad_input()
    {
        var e = Assert.Throws<InputException>(() => DataLoader.Load(new DataSpec("digits", Offset: 597), null, Spec));
        Assert.Equal(Spec, e.Origin);
        Assert.Equal("data.offset", e.Field);
    }

    [Fact]
    public void An_unknown_source_lists_the_known_ones()
    {
        var e = Assert.Throws<InputException>(() => DataLoader.Load(new DataSpec("cifar"), null, Spec));
        Assert.Equal("data.source", e.Field);
        Assert.Contains("expected one of digits, breast-cancer, fashion-mnist, mnist, idx, csv", e.Message);
    }

    [Theory]
    [InlineData("digits", "some/path", "test", "data.path")]
    [InlineData("digits", null, "validation", "data.split")]
    [InlineData("mnist", null, "test", "data.path")]
    [InlineData("csv", null, "test", "data.path")]
    public void Bad_fields_are_named(string source, string? path, string split, string field)
    {
        var e = Assert.Throws<InputException>(() => DataLoader.Load(new DataSpec(source, path, split), null, Spec));
        Assert.Equal(field, e.Field);
    }

    [Fact]
    public void A_csv_spec_chooses_its_normalisation_and_only_a_csv_spec_may()
    {
        using var dir = new TempDirectory();
        dir.Write("d.csv", "x,y,label\n0.25,0.5,1\n0.75,1,0\n");
        Dataset Load(string normalize)
        {
            StudySpec spec = StudySpecReader.ReadText($"model: m\ndata: {{ source: csv, path: d.csv{normalize} }}\n", "spec.yaml", dir.Path, []);
            return DataLoader.Load(spec.Data, dir.Path, "spec.yaml");
        }

        Assert.Equal(new[] { 0f, 0f, 1f, 1f }, Load("").Values); // min-max by default
        Assert.Equal(new[] { 0f, 0f, 1f, 1f }, Load(", normalize: min-max").Values);
        Assert.Equal(new[] { 0.25f, 0.5f, 0.75f, 1f }, Load(", normalize: none").Values);

        var e = Assert.Throws<InputException>(() => StudySpecReader.ReadText("model: m\ndata: { normalize: none }\n", "spec.yaml", null, []));
        Assert.StartsWith("data.normalize", e.Field);
        Assert.Contains("applies to a csv source only", e.Message);
    }

    [Fact]
    public void A_missing_file_or_directory_is_named_with_its_absolute_path()
    {
        using var dir = new TempDirectory();
        var csv = Assert.Throws<InputException>(() => DataLoader.Load(new DataSpec("csv", "absent.csv"), dir.Path, Spec));
        Assert.Equal("data.path", csv.Field);
        Assert.Contains("not found: " + dir.File("absent.csv"), csv.Message);

        var mnist = Assert.Throws<InputException>(() => DataLoader.Load(new DataSpec("fashion-mnist", "nowhere"), dir.Path, Spec));
        Assert.Equal("data.path", mnist.Field);
        Assert.Contains("not found: " + dir.File("nowhere"), mnist.Message);

        Directory.CreateDirectory(dir.File("empty"));
        var files = Assert.Throws<InputException>(() => DataLoader.Load(new DataSpec("mnist", "empty", "train"), dir.Path, Spec));
        Assert.Contains("train-images-idx3-ubyte", files.Message);
    }

    [Fact]
    public void Loads_an_idx_pair_and_a_csv_relative_to_the_base_directory()
    {
        using var dir = new TempDirectory();
        dir.Write("my-images-idx3-ubyte", IdxBytes.Images(4, 1, 2, i => (byte)(60 * i)));
        dir.Write("my-labels-idx1-ubyte", IdxBytes.Labels(0, 1, 0, 1));
        dir.Write("d.csv", "1,0\n2,1\n3,0\n");

        Dataset idx = DataLoader.Load(new DataSpec("idx", "my-images-idx3-ubyte", Limit: 3), dir.Path, Spec);
        Dataset csv = DataLoader.Load(new DataSpec("csv", "d.csv", Offset: 1), dir.Path, Spec);

        Assert.Equal(3, idx.Count);
        Assert.Equal(new[] { 1, 2 }, idx.Shape);
        Assert.Equal(new[] { 0.5f, 1f }, csv.Values);
    }

    [Fact]
    public void An_idx_path_must_name_an_images_file_with_labels_beside_it()
    {
        using var dir = new TempDirectory();
        dir.Write("data.bin", IdxBytes.Images(1, 1, 1, _ => 0));
        dir.Write("x-images-idx3-ubyte", IdxBytes.Images(1, 1, 1, _ => 0));

        var name = Assert.Throws<InputException>(() => DataLoader.Load(new DataSpec("idx", "data.bin"), dir.Path, Spec));
        Assert.Contains("images-idx3", name.Message);
        var labels = Assert.Throws<InputException>(() => DataLoader.Load(new DataSpec("idx", "x-images-idx3-ubyte"), dir.Path, Spec));
        Assert.Contains("not found: " + dir.File("x-labels-idx1-ubyte"), labels.Message);
    }

    [FullFashionMnistFact]
    public void Loads_Fashion_MNIST_from_its_default_directory()
    {
        Dataset test = DataLoader.Load(new DataSpec("fashion-mnist", Limit: 1000), null, Spec);

        Assert.Equal(1000, test.Count);
        Assert.Equal("fashion-mnist", test.Name);
        Assert.Equal(new[] { 9, 2, 1, 1, 6 }, test.Labels.Take(5));
        Assert.Equal(10, test.Classes);
    }

    [FullFashionMnistFact]
    public void Loads_the_Fashion_MNIST_train_split()
    {
        Dataset train = DataLoader.Load(new DataSpec("fashion-mnist", Split: "train", Offset: 59_990), null, Spec);

        Assert.Equal(10, train.Count);
        Assert.Equal(784, train.Features);
    }

    [Fact]
    public void A_limited_Fashion_MNIST_study_reads_only_its_images_and_gets_the_same_ones()
    {
        // The limited load decompresses only the first offset + limit images; they must be those of a full load.
        string path = TestData.FashionMnistDirectory;
        Dataset part = DataLoader.Load(new DataSpec("fashion-mnist", path, Offset: 37, Limit: 25), null, Spec);
        Dataset whole = DataLoader.Load(new DataSpec("fashion-mnist", path), null, Spec);

        Assert.Equal(TestData.FashionMnistShipped, whole.Count);
        Assert.Equal((25, 37), (part.Count, part.FirstIndex));
        Assert.Equal(whole.Labels.AsSpan(37, 25).ToArray(), part.Labels);
        Assert.Equal(whole.Values.AsSpan(37 * 784, 25 * 784).ToArray(), part.Values);

        var past = Assert.Throws<InputException>(() => DataLoader.Load(new DataSpec("fashion-mnist", path, Offset: 2000, Limit: 5), null, Spec));
        Assert.Contains("2000 samples", past.Message);
    }

    [Fact]
    public void The_repositorys_Fashion_MNIST_copy_loads_as_a_directory_relative_to_the_spec_and_as_an_idx_file()
    {
        // What a spec beside tests/data says: the fashion-mnist source with a relative path, or the idx source.
        string specDirectory = Path.GetDirectoryName(TestData.FashionMnistDirectory)!;
        Dataset directory = DataLoader.Load(new DataSpec("fashion-mnist", "fashion-mnist-2000", Limit: 100), specDirectory, Spec);
        Dataset file = DataLoader.Load(new DataSpec("idx", "fashion-mnist-2000/t10k-images-idx3-ubyte.gz", Limit: 100), specDirectory, Spec);

        Assert.Equal((100, 784, 10), (directory.Count, directory.Features, directory.Classes));
        Assert.Equal(new[] { 9, 2, 1, 1, 6 }, directory.Labels.Take(5));
        Assert.Equal(directory.Labels, file.Labels);
        Assert.Equal(directory.Values, file.Values);
    }
}
