using DistSnn.Core.Data;

namespace DistSnn.Core.Tests;

/// <summary>
/// A test that needs the whole Fashion-MNIST set (more than the repository's 2,000 test images, or the train split):
/// it runs where the Debian package dataset-fashion-mnist is installed (as .ci/run does) and is skipped, saying
/// why, elsewhere.
/// </summary>
public sealed class FullFashionMnistFactAttribute : FactAttribute
{
    public FullFashionMnistFactAttribute()
    {
        if (!File.Exists(Path.Combine(DataLoader.DefaultFashionMnistDirectory, "t10k-images-idx3-ubyte.gz"))
            || !File.Exists(Path.Combine(DataLoader.DefaultFashionMnistDirectory, "train-images-idx3-ubyte.gz")))
        {
            Skip = $"needs the full Fashion-MNIST set in {DataLoader.DefaultFashionMnistDirectory} "
                + "(apt-get install -y dataset-fashion-mnist; the repository keeps only the first 2,000 test images)";
        }
    }
}
