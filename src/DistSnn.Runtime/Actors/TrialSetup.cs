using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Snn;
using DistSnn.Core.Study;

namespace DistSnn.Runtime.Actors;

/// <summary>
/// Everything the actors of one trial share, read-only: the model as the point runs it, the crossbar, the data
/// subset, the study seed and the trial number, and how the samples are cut into batches.
/// </summary>
public sealed class TrialSetup
{
    public TrialSetup(SnnModel model, CrossbarSettings crossbar, Dataset data, uint seed, int trial, int batchSize, int batchesInFlight)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize));
        if (batchesInFlight < 1) throw new ArgumentOutOfRangeException(nameof(batchesInFlight));
        Model = model;
        Crossbar = crossbar;
        Data = data;
        Seed = seed;
        Trial = trial;
        BatchSize = batchSize;
        BatchesInFlight = batchesInFlight;
        Grids = model.Layers.Select(l => new TileGrid(l.Inputs, l.Outputs, crossbar.Tile)).ToArray();
        LayerWmax = model.Layers.Select(l => (double)l.MaxAbsWeight()).ToArray();
    }

    /// <summary>Batches a trial keeps inside the network at once, unless told otherwise.</summary>
    public const int DefaultBatchesInFlight = 4;

    /// <summary>Trial <paramref name="trial"/> of sweep point <paramref name="point"/>: the model and crossbar as the point sets them.</summary>
    public static TrialSetup ForPoint(StudySpec spec, int point, int trial, SnnModel model, Dataset data)
    {
        PointSettings settings = spec.Points[point].Settings;
        return new TrialSetup(settings.Apply(model), settings.Crossbar, data, spec.Seed, trial, spec.Batch, DefaultBatchesInFlight);
    }

    public SnnModel Model { get; }
    public CrossbarSettings Crossbar { get; }
    public Dataset Data { get; }
    public uint Seed { get; }
    public int Trial { get; }
    public int BatchSize { get; }

    /// <summary>Flow control: at most this many batches are inside the network at once, so memory stays bounded.</summary>
    public int BatchesInFlight { get; }

    public IReadOnlyList<TileGrid> Grids { get; }

    /// <summary>Each layer's largest |w|: the per-layer conductance scale.</summary>
    public IReadOnlyList<double> LayerWmax { get; }

    public bool IsLastLayer(int layer) => layer == Model.Layers.Count - 1;

    public int Batches => (Data.Count + BatchSize - 1) / BatchSize;
    public int BatchFirst(int batch) => batch * BatchSize;
    public int BatchSamples(int batch) => Math.Min(BatchSize, Data.Count - batch * BatchSize);

    /// <summary>The sample's index in its source data set: what its random draws are keyed by.</summary>
    public int SampleKey(int batch, int sample) => Data.FirstIndex + BatchFirst(batch) + sample;
}
