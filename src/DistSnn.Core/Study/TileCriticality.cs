namespace DistSnn.Core.Study;

/// <summary>
/// What one tile is worth: the accuracy its chips lose when it alone is dead, paired chip by chip with the intact
/// chip (the same trial, the same draws), with the Student-t 95% interval of that mean loss.
/// </summary>
/// <param name="Losses">Per trial: intact accuracy minus accuracy with this tile dead.</param>
public sealed record TileCriticality(int Layer, int Tile, int TileRow, int TileCol, IReadOnlyList<double> Losses)
{
    private MeanEstimate Estimate => MeanEstimate.Of(Losses);

    public double MeanLoss => Estimate.Mean;
    public double Ci95Low => Estimate.Ci95Low;
    public double Ci95High => Estimate.Ci95High;
}
