namespace DistSnn.Core.Tests.Models;

/// <summary>A test on the shared reference model written by PyTorch; skipped where the shared folder is not present.</summary>
public sealed class SharedModelFactAttribute : FactAttribute
{
    public SharedModelFactAttribute()
    {
        if (SharedFiles.FashionMnistModel is null)
            Skip = "the shared folder with models/fmnist-mlp-784-500-10-if.safetensors was not found (set DISTSNN_SHARED)";
    }
}
