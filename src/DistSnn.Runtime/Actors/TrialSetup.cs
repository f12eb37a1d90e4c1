using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Snn;
using DistSnn.Core.Study;
using DistSnn.Core.Trial;

namespace DistSnn.Runtime.Actors;

/// <summary>
/// What the actors of one trial share, read-only: the point's <see cref="TrialPlan"/> (model, crossbar, grids,
/// data, batches, sample keys), the trial number and the flow control.
/// </summary>
public sealed class TrialSetup
{
    public TrialSetup(TrialPlan plan, int trial, int batchesInFlight = DefaultBatchesInFlight)
    {
        if (trial < 0) throw new ArgumentOutOfRangeException(nameof(trial));
        if (batchesInFlight < 1) throw new ArgumentOutOfRangeException(nameof(batchesInFlight));
        Plan = plan;
        Trial = trial;
        BatchesInFlight = batchesInFlight;
    }

    /// <summary>Batches a trial keeps inside the network at once, unless told otherwise.</summary>
    public const int DefaultBatchesInFlight = 1;

    /// <summary>Trial <paramref name="trial"/> of sweep point <paramref name="point"/> (builds the point's plan; callers that run many trials keep a <see cref="PointPlans"/>).</summary>
    public static TrialSetup ForPoint(StudySpec spec, int point, int trial, SnnModel model, Dataset data) =>
        new(TrialPlan.ForPoint(spec, point, model, data), trial);

    public TrialPlan Plan { get; }
    public int Trial { get; }

    /// <summary>Flow control: at most this many batches are inside the network at once, so memory stays bounded.</summary>
    public int BatchesInFlight { get; }

    public SnnModel Model => Plan.Model;
    public Dataset Data => Plan.Data;
    public IReadOnlyList<TileGrid> Grids => Plan.Grids;
    public int Batches => Plan.Batches;
    public bool IsLastLayer(int layer) => Plan.IsLastLayer(layer);

    /// <summary>The read key of batch <paramref name="batch"/>'s first sample at <paramref name="round"/>.</summary>
    public ReadKey FirstKey(int batch, int round) => Plan.FirstKey(Trial, batch, round);
}
