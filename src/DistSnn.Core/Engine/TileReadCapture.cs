using DistSnn.Core.Crossbar;
using DistSnn.Core.Snn;

namespace DistSnn.Core.Engine;

/// <summary>
/// Keeps every tile's read of one step, stage by stage, for the first sample of the run (<c>distsnn chip --sample I
/// --step T</c> runs a one-sample slice of the data, which keeps the sample's random keys).
/// </summary>
public sealed class TileReadCapture : ITileReadObserver
{
    private readonly SnnModel _model;
    private readonly int _step;
    private readonly TileReader _reader;
    private readonly Dictionary<(int Layer, int Index), TileReadStages> _reads = new();

    /// <param name="model">The model as the trial runs it: the ideal stage sums its weights.</param>
    public TileReadCapture(SnnModel model, int step)
    {
        _model = model;
        _step = step;
        _reader = new TileReader(model.Layers.Max(l => l.Outputs));
    }

    /// <summary>Each tile's read, by (layer, tile index).</summary>
    public IReadOnlyDictionary<(int Layer, int Index), TileReadStages> Reads => _reads;

    public bool Wants(int step) => step == _step;

    public void TileRead(ProgrammedTile tile, in ReadKey first, int samples, ReadOnlySpan<float> inputs, ReadOnlySpan<float> partials, ReadOnlySpan<float> variances)
    {
        // Batches after the first would be other samples: only the first sample of the first batch is kept.
        if (first.Step != _step || _reads.ContainsKey((tile.Layer, tile.Index))) return;
        _reads[(tile.Layer, tile.Index)] = TileReadStages.Of(tile, _model.Layers[tile.Layer], inputs[..tile.Rows], partials[..tile.Cols], first, _reader);
    }
}
