using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace DistSnn.Core.Random;

/// <summary>
/// Which instructions the random fills run on. Every path computes the same bits (integer Philox, and the float
/// transforms use only correctly rounded IEEE operations in one fixed order), so the choice changes speed only.
/// </summary>
internal enum SimdPath
{
    /// <summary>One element at a time: the reference, and the path on a CPU without AVX2.</summary>
    Scalar,
    /// <summary>Eight 32-bit lanes; the Philox kernel needs AVX2's 32x32->64-bit multiply.</summary>
    Vector256,
    /// <summary>Sixteen 32-bit lanes; the Philox kernel needs AVX-512F's 32x32->64-bit multiply.</summary>
    Vector512,
}

internal static class SimdPaths
{
    /// <summary>The fastest path this process may use; fixed at start-up, so the JIT folds the dispatch away.</summary>
    public static readonly SimdPath Best =
        Vector512.IsHardwareAccelerated && Avx512F.IsSupported ? SimdPath.Vector512
        : Avx2.IsSupported && Vector256.IsHardwareAccelerated ? SimdPath.Vector256
        : SimdPath.Scalar;

    /// <summary>Whether <paramref name="path"/> can run here at all (tests force each path that can).</summary>
    public static bool IsSupported(SimdPath path) => path switch
    {
        SimdPath.Scalar => true,
        SimdPath.Vector256 => Avx2.IsSupported,
        SimdPath.Vector512 => Avx512F.IsSupported,
        _ => false,
    };

    public static void Require(SimdPath path)
    {
        if (!IsSupported(path)) throw new PlatformNotSupportedException($"the {path} random path needs instructions this CPU (or DOTNET_Enable* setting) lacks");
    }
}
