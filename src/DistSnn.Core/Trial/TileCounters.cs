namespace DistSnn.Core.Trial;

/// <summary>What one tile step counts: the device pairs it read (active rows times columns), column conversions by a
/// non-ideal ADC and how many of them clipped. Added into the tile's <see cref="ChipCounters"/>.</summary>
public readonly record struct TileCounters(long Clipped, long Conversions, long Events = 0)
{
    public static TileCounters operator +(TileCounters a, TileCounters b) =>
        new(a.Clipped + b.Clipped, a.Conversions + b.Conversions, a.Events + b.Events);
}
