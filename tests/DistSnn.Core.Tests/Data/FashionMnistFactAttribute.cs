using DistSnn.Core.Data;

namespace DistSnn.Core.Tests.Data;

/// <summary>A test on the real Fashion-MNIST files (Debian package dataset-fashion-mnist); skipped where they are not installed.</summary>
public sealed class FashionMnistFactAttribute : FactAttribute
{
    public FashionMnistFactAttribute()
    {
        if (!File.Exists(Path.Combine(DataLoader.DefaultFashionMnistDirectory, "t10k-labels-idx1-ubyte.gz")))
            Skip = $"Fashion-MNIST is not installed in {DataLoader.DefaultFashionMnistDirectory}";
    }
}
