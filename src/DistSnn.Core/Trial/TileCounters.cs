namespace DistSnn.Core.Trial;

/// <summary>What a tile counts while it reads: column conversions by a non-ideal ADC and how many of them clipped.</summary>
public readonly record struct TileCounters(long Clipped, long Conversions)
{
    public static TileCounters operator +(TileCounters a, TileCounters b) => new(a.Clipped + b.Clipped, a.Conversions + b.Conversions);
}
