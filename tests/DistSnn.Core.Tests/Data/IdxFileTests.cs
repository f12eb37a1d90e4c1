using DistSnn.Core.Data;

namespace DistSnn.Core.Tests.Data;

public class IdxFileTests
{
    [Fact]
    public void Reads_the_repositorys_real_Fashion_MNIST_test_images()
    {
        Dataset test = LoadTestSet(TestData.FashionMnistDirectory);

        Assert.Equal(2000, test.Count);
        Assert.Equal(784, test.Features);
        Assert.Equal(new[] { 28, 28 }, test.Shape);
        Assert.Equal(10, test.Classes);
        Assert.Equal(new[] { 9, 2, 1, 1, 6 }, test.Labels.Take(5));
        Assert.All(test.Values, v => Assert.InRange(v, 0f, 1f));
        Assert.Contains(1f, test.Values);
        // The class counts of the first 2,000 (tests/data/fashion-mnist-2000/README.md): close to balanced.
        Assert.Equal(new[] { 200, 203, 214, 190, 219, 195, 197, 200, 194, 188 }, Enumerable.Range(0, 10).Select(c => test.Labels.Count(l => l == c)));
    }

    [FullFashionMnistFact]
    public void The_repositorys_copy_is_the_start_of_the_full_Fashion_MNIST_test_set()
    {
        Dataset full = LoadTestSet(DataLoader.DefaultFashionMnistDirectory);
        Dataset shipped = LoadTestSet(TestData.FashionMnistDirectory);

        Assert.Equal(10_000, full.Count);
        Assert.Equal(1000, full.Labels.Count(l => l == 0)); // the whole test set is balanced
        Assert.Equal(full.Labels.AsSpan(0, shipped.Count).ToArray(), shipped.Labels);
        Assert.Equal(full.Values.AsSpan(0, shipped.Values.Length).ToArray(), shipped.Values);
    }

    private static Dataset LoadTestSet(string directory) => IdxFile.LoadDataset(
        Path.Combine(directory, "t10k-images-idx3-ubyte.gz"), Path.Combine(directory, "t10k-labels-idx1-ubyte.gz"), "fashion-mnist", 10);

    [Fact]
    public void Raw_and_gzip_files_give_the_same_values()
    {
        using var dir = new TempDirectory();
        byte[] images = IdxBytes.Images(3, 2, 2, i => (byte)(i * 20));
        byte[] labels = IdxBytes.Labels(2, 0, 1);

        Dataset raw = IdxFile.LoadDataset(dir.Write("i", images), dir.Write("l", labels), "raw");
        Dataset gzip = IdxFile.LoadDataset(dir.Write("i.gz", IdxBytes.Gzip(images)), dir.Write("l.gz", IdxBytes.Gzip(labels)), "gz");

        Assert.Equal(raw.Values, gzip.Values);
        Assert.Equal(new[] { 2, 0, 1 }, gzip.Labels);
        Assert.Equal(3, gzip.Classes);
        Assert.Equal(new[] { 2, 2 }, gzip.Shape);
        Assert.Equal(220f / 255f, gzip.Values[11]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_wrong_magic_number_is_bad_input(bool compressed)
    {
        using var dir = new TempDirectory();
        byte[] bytes = IdxBytes.Build(0x12345678, new[] { 1, 1, 1 }, new byte[] { 7 });
        string path = dir.Write("images", compressed ? IdxBytes.Gzip(bytes) : bytes);

        var e = Assert.Throws<InputException>(() => IdxFile.Read(path, 3));
        Assert.Equal(path, e.Origin);
        Assert.Equal("magic number", e.Field);
        Assert.Contains("expected an IDX magic number 0x00000803", e.Message);
        Assert.Contains("got 0x12345678", e.Message);
    }

    [Fact]
    public void A_labels_file_given_as_images_fails_on_the_magic_number()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("labels", IdxBytes.Labels(1, 2, 3));

        var e = Assert.Throws<InputException>(() => IdxFile.Read(path, 3));
        Assert.Equal("magic number", e.Field);
        Assert.Contains("got 0x00000801", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_truncated_file_is_bad_input(bool compressed)
    {
        using var dir = new TempDirectory();
        byte[] bytes = IdxBytes.Images(10, 4, 4, i => (byte)i);
        byte[] cut = bytes.AsSpan(0, bytes.Length - 5).ToArray();
        string path = dir.Write("images", compressed ? IdxBytes.Gzip(cut) : cut);

        var e = Assert.Throws<InputException>(() => IdxFile.Read(path, 3));
        Assert.Equal(path, e.Origin);
        Assert.Contains("truncated", e.Message);
        Assert.Contains("10x4x4", e.Message);
    }

    [Fact]
    public void A_file_cut_inside_the_dimensions_is_bad_input()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("images", IdxBytes.Images(1, 2, 2, _ => 0).AsSpan(0, 9).ToArray());

        var e = Assert.Throws<InputException>(() => IdxFile.Read(path, 3));
        Assert.Equal("dimensions", e.Field);
    }

    [Fact]
    public void Extra_bytes_after_the_data_are_bad_input()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("images", IdxBytes.Images(1, 2, 2, _ => 0).Append((byte)1).ToArray());

        var e = Assert.Throws<InputException>(() => IdxFile.Read(path, 3));
        Assert.Equal("data", e.Field);
    }

    [Fact]
    public void A_compressed_file_claiming_huge_dimensions_fails_without_allocating_them()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("images.gz", IdxBytes.Gzip(IdxBytes.Build(0x803, new[] { 60_000, 100, 300 }, new byte[100])));

        var e = Assert.Throws<InputException>(() => IdxFile.Read(path, 3));
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void A_real_gzip_file_cut_in_the_middle_is_bad_input()
    {
        using var dir = new TempDirectory();
        byte[] real = File.ReadAllBytes(Path.Combine(TestData.FashionMnistDirectory, "t10k-images-idx3-ubyte.gz"));
        string path = dir.Write("t10k-images-idx3-ubyte.gz", real.AsSpan(0, real.Length / 2).ToArray());

        var e = Assert.Throws<InputException>(() => IdxFile.Read(path, 3));
        Assert.Equal(path, e.Origin);
    }

    [Fact]
    public void Image_and_label_counts_must_match()
    {
        using var dir = new TempDirectory();
        string images = dir.Write("images", IdxBytes.Images(3, 2, 2, _ => 0));
        string labels = dir.Write("labels", IdxBytes.Labels(1, 2));

        var e = Assert.Throws<InputException>(() => IdxFile.LoadDataset(images, labels, "x"));
        Assert.Equal(labels, e.Origin);
        Assert.Contains("2 labels", e.Message);
        Assert.Contains("3 images", e.Message);
    }

    [Fact]
    public void A_label_beyond_the_class_count_is_bad_input()
    {
        using var dir = new TempDirectory();
        string images = dir.Write("images", IdxBytes.Images(2, 1, 1, _ => 0));
        string labels = dir.Write("labels", IdxBytes.Labels(1, 10));

        var e = Assert.Throws<InputException>(() => IdxFile.LoadDataset(images, labels, "x", classes: 10));
        Assert.Equal("label 1", e.Field);
    }

    [Fact]
    public void A_missing_file_is_bad_input()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<InputException>(() => IdxFile.Read(dir.File("absent"), 1));
        Assert.Contains("not found", e.Message);
    }
}
