using DistSnn.Core.Engine;

namespace DistSnn.Core.Study;

/// <summary>The result of trial <paramref name="Trial"/> (virtual chip k) at sweep point <paramref name="Point"/>.</summary>
public sealed record TrialRecord(int Point, int Trial, TrialResult Result);
