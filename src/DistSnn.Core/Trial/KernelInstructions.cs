using System.Runtime.Intrinsics;
using DistSnn.Core.Random;

namespace DistSnn.Core.Trial;

/// <summary>
/// Which vector instructions this process's kernels run on: decided once by the runtime from the CPU (and the
/// <c>DOTNET_Enable*</c> settings). Every choice gives the same bits; the study header shows it so that a speed
/// difference between machines can be explained.
/// </summary>
public static class KernelInstructions
{
    public static string TileStep =>
        Vector512.IsHardwareAccelerated ? "Vector512" : Vector256.IsHardwareAccelerated ? "Vector256" : "scalar";

    public static string RandomNumbers => SimdPaths.Best switch
    {
        SimdPath.Vector512 => "Vector512",
        SimdPath.Vector256 => "Vector256",
        _ => "scalar",
    };

    public static string Describe() => $"tile step {TileStep}, random numbers {RandomNumbers}";
}
