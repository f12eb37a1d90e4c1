using DistSnn.Core.Random;

namespace DistSnn.Core.Crossbar;

/// <summary>Which read this is: what every per-read random draw of one sample at one time step is keyed by (DESIGN.md §3).</summary>
/// <param name="Seed">The study seed.</param>
/// <param name="Trial">The trial (virtual chip).</param>
/// <param name="Sample">The sample's index in its data set.</param>
/// <param name="Step">The time step.</param>
public readonly record struct ReadKey(uint Seed, int Trial, int Sample, int Step)
{
    /// <summary>The stream of <paramref name="scope"/> for tile <paramref name="tile"/> of layer <paramref name="layer"/> at this read.</summary>
    public RandomStream Stream(RandomScope scope, int layer, int tile) => DrawKey.Read(Seed, Trial, scope, layer, tile, Sample, Step).Stream();
}
