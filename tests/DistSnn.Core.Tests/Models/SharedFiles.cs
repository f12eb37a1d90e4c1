namespace DistSnn.Core.Tests.Models;

/// <summary>
/// The project's shared folder (reference model, data): <c>$DISTSNN_SHARED</c>, else the first <c>shared</c> directory
/// holding <c>models</c> found walking up from the test assembly (the checkout's sibling <c>../shared</c>).
/// </summary>
public static class SharedFiles
{
    public static string? Directory { get; } = Find();

    /// <summary>The 784-500-10 Fashion-MNIST model written by PyTorch; null where the shared folder is absent.</summary>
    public static string? FashionMnistModel =>
        Directory is null ? null : ExistingOrNull(Path.Combine(Directory, "models", "fmnist-mlp-784-500-10-if.safetensors"));

    private static string? Find()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable("DISTSNN_SHARED");
        if (!string.IsNullOrEmpty(fromEnvironment) && System.IO.Directory.Exists(Path.Combine(fromEnvironment, "models")))
            return fromEnvironment;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared");
            if (System.IO.Directory.Exists(Path.Combine(candidate, "models"))) return candidate;
        }
        return null;
    }

    private static string? ExistingOrNull(string path) => File.Exists(path) ? path : null;
}
