using System.Globalization;
using System.Text;
using DistSnn.Core.Study;
using DistSnn.Runtime.Storage;
using ScottPlot;

namespace DistSnn.Runtime.Reports;

/// <summary>
/// What <c>distsnn criticality</c> writes: <c>criticality.csv</c> (one row per tile: its place, the chips, the mean
/// accuracy loss with that tile dead and its 95% CI) and <c>criticality-layer-L.png</c> (and <c>.svg</c>), a heat
/// map of the mean loss over the layer's tile grid, each cell labelled with its mean and CI half-width.
/// </summary>
public static class CriticalityFiles
{
    public const string Csv = "criticality.csv";

    public static string PlotName(int layer) => $"criticality-layer-{layer}.png";

    /// <summary>Writes the table and one heat map per layer; returns the files' names.</summary>
    public static IReadOnlyList<string> Write(string directory, StudySpec spec, int point, IReadOnlyList<TileCriticality> tiles)
    {
        Directory.CreateDirectory(directory);
        AtomicFile.Write(Path.Combine(directory, Csv), FormatCsv(tiles));
        var written = new List<string> { Csv };
        foreach (var layer in tiles.GroupBy(t => t.Layer))
        {
            using Plot plot = Heatmap(spec, point, layer.Key, layer.ToList());
            PlotFiles.Save(directory, PlotName(layer.Key), plot, written);
        }
        return written;
    }

    /// <summary>Header <c>layer,tile,tile_row,tile_col,chips,loss_mean,loss_ci95_low,loss_ci95_high</c>; numbers round-trip.</summary>
    public static string FormatCsv(IReadOnlyList<TileCriticality> tiles)
    {
        var text = new StringBuilder("layer,tile,tile_row,tile_col,chips,loss_mean,loss_ci95_low,loss_ci95_high\n");
        foreach (TileCriticality t in tiles)
        {
            text.Append(CultureInfo.InvariantCulture, $"{t.Layer},{t.Tile},{t.TileRow},{t.TileCol},{t.Losses.Count},")
                .Append(ResultFiles.Number(t.MeanLoss)).Append(',').Append(ResultFiles.Number(t.Ci95Low)).Append(',')
                .Append(ResultFiles.Number(t.Ci95High)).Append('\n');
        }
        return text.ToString();
    }

    private static Plot Heatmap(StudySpec spec, int point, int layer, IReadOnlyList<TileCriticality> tiles)
    {
        int rows = tiles.Max(t => t.TileRow) + 1, cols = tiles.Max(t => t.TileCol) + 1;
        var loss = new double[rows, cols];
        foreach (TileCriticality t in tiles) loss[t.TileRow, t.TileCol] = t.MeanLoss;

        Plot plot = PlotDrawing.Create();
        var map = plot.Add.Heatmap(loss);
        map.Colormap = new ScottPlot.Colormaps.Viridis();
        // ScottPlot draws row 0 of the intensities at the top: cell (r, c) is centred on (c, rows - 1 - r).
        plot.Add.ColorBar(map).Label = "accuracy lost with the tile dead";
        foreach (TileCriticality t in tiles)
        {
            double half = (t.Ci95High - t.Ci95Low) / 2;
            string label = double.IsFinite(half)
                ? $"{t.MeanLoss.ToString("F3", CultureInfo.InvariantCulture)}\n±{half.ToString("F3", CultureInfo.InvariantCulture)}"
                : t.MeanLoss.ToString("F3", CultureInfo.InvariantCulture);
            var text = plot.Add.Text(label, t.TileCol, rows - 1 - t.TileRow);
            text.LabelAlignment = Alignment.MiddleCenter;
            text.LabelFontColor = t.MeanLoss > (tiles.Max(x => x.MeanLoss) + tiles.Min(x => x.MeanLoss)) / 2 ? Colors.Black : Colors.White;
            text.LabelFontSize = Math.Clamp(160f / Math.Max(rows, cols), 8f, 16f);
        }
        int chips = tiles.Count == 0 ? 0 : tiles[0].Losses.Count;
        plot.Title($"{spec.Name}, layer {layer}: accuracy loss with one tile dead\npoint {point}, mean ± 95% CI over {chips} chip(s), paired with the intact chip");
        plot.XLabel("tile column");
        plot.YLabel("tile row (0 at the top)");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, cols).Select(c => (double)c).ToArray(), Enumerable.Range(0, cols).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, rows).Select(r => (double)(rows - 1 - r)).ToArray(), Enumerable.Range(0, rows).Select(r => r.ToString(CultureInfo.InvariantCulture)).ToArray());
        plot.Axes.SetLimits(-0.5, cols - 0.5, -0.5, rows - 0.5);
        return plot;
    }
}
