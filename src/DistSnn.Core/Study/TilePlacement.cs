namespace DistSnn.Core.Study;

/// <summary>Where the tile actors of one trial live (spec key <c>placement</c>). Results never depend on it.</summary>
public enum TilePlacement
{
    /// <summary>A whole trial, tiles included, runs on one node.</summary>
    Local,

    /// <summary>A trial's tiles are dealt over the cluster's workers, so a network larger than one node still runs.</summary>
    Spread,
}
