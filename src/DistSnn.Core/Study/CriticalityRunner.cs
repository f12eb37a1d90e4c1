using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Engine;
using DistSnn.Core.Snn;
using DistSnn.Core.Trial;

namespace DistSnn.Core.Study;

/// <summary>
/// <c>distsnn criticality</c>: runs one sweep point's chips intact and with each tile of each layer dead in turn
/// (<see cref="FaultSettings.KnockedOut"/>), on the sequential engine, work items in parallel. A tile's draws do
/// not depend on which other tile is dead, so each loss is a paired difference on the same chip.
/// </summary>
public sealed class CriticalityRunner(StudySpec spec, SnnModel model, Dataset data, int workers)
{
    /// <summary>Called (serialised) after each chip run with (runs done, runs in all).</summary>
    public event Action<int, int>? Progress;

    /// <summary>Every tile's criticality at <paramref name="point"/>, layer by layer, tiles in grid order.</summary>
    public IReadOnlyList<TileCriticality> Run(int point, CancellationToken cancel = default)
    {
        if (point < 0 || point >= spec.Points.Count) throw new ArgumentOutOfRangeException(nameof(point));
        PointSettings settings = spec.Points[point].Settings;
        TrialPlan intact = TrialPlan.ForPoint(spec, point, model, data);
        var tiles = new List<TileAddress>();
        for (int l = 0; l < intact.Layers; l++)
            for (int t = 0; t < intact.Grids[l].Count; t++) tiles.Add(new TileAddress(l, t));
        int trials = spec.Trials.Min;

        // Item (i, k): chip k with tile i dead, i = -1 the intact chip.
        var plans = new TrialPlan[tiles.Count + 1];
        plans[0] = intact;
        for (int i = 0; i < tiles.Count; i++)
        {
            plans[i + 1] = intact.WithFaults(settings.Crossbar.Faults with { KnockedOut = tiles[i] });
        }
        var accuracy = new double[plans.Length, trials];
        int total = plans.Length * trials, done = 0, next = -1;
        var gate = new object();
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancel }, _ =>
        {
            int item;
            while ((item = Interlocked.Increment(ref next)) < total && !cancel.IsCancellationRequested)
            {
                int p = item / trials, k = item % trials;
                accuracy[p, k] = new SequentialTrial(plans[p], k).Run(null).Accuracy;
                lock (gate) Progress?.Invoke(++done, total);
            }
        });
        cancel.ThrowIfCancellationRequested();

        return tiles.Select((tile, i) =>
        {
            TileGrid grid = intact.Grids[tile.Layer];
            double[] losses = Enumerable.Range(0, trials).Select(k => accuracy[0, k] - accuracy[i + 1, k]).ToArray();
            return new TileCriticality(tile.Layer, tile.Tile, tile.Tile / grid.TileCols, tile.Tile % grid.TileCols, losses);
        }).ToList();
    }
}
