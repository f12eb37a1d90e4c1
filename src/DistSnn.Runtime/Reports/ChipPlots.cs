using DistSnn.Core.Crossbar;
using DistSnn.Core.Snn;
using DistSnn.Runtime.Storage;
using ScottPlot;

namespace DistSnn.Runtime.Reports;

/// <summary>
/// <c>chip.png</c> of <c>distsnn chip</c>: per layer (one row of panels), the fault map and the conductance error,
/// each over the layer's whole weight matrix (inputs down, outputs across) with its tiles in their grid, outlined.
/// The fault of a pair is its worse device's (dead over stuck at gmax over stuck at gmin); the error is
/// <c>|(G+ - G-) - (T+ - T-)| / gmax</c>, the present differential conductance against its target.
/// </summary>
public static class ChipPlots
{
    public const string FileName = "chip.png";
    private const int PanelWidth = 640, PanelHeight = 480;

    private static readonly Color[] FaultColors =
        [Colors.White, Color.FromHex("#2166ac"), Color.FromHex("#d6604d"), Colors.Black];

    /// <param name="model">The model as the chip's point runs it (for the targets).</param>
    public static void Write(string path, Chip chip, SnnModel model)
    {
        var multiplot = new Multiplot();
        var plots = new List<Plot>();
        foreach (ChipLayer layer in chip.Layers)
        {
            (double[,] faults, double[,] error) = Maps(layer, model.Layers[layer.Tiles[0].Layer]);
            int l = layer.Tiles[0].Layer;
            plots.Add(Panel(layer, faults, $"layer {l}: faults (white healthy, blue stuck at gmin, red stuck at gmax, black dead)", fault: true));
            plots.Add(Panel(layer, error, $"layer {l}: |ΔG − ΔG target| / gmax", fault: false));
        }
        // A new multiplot holds one empty plot: ours replace it.
        multiplot.Reset(plots[0]);
        foreach (Plot plot in plots.Skip(1)) multiplot.AddPlot(plot);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(chip.Layers.Count, 2);
        byte[] png = multiplot.Render(2 * PanelWidth, chip.Layers.Count * PanelHeight).GetImageBytes(ImageFormat.Png);
        AtomicFile.Write(path, png);
        foreach (Plot plot in plots) plot.Dispose();
    }

    /// <summary>The layer's pair faults and relative errors, <c>[inputs, outputs]</c>.</summary>
    internal static (double[,] Faults, double[,] Error) Maps(ChipLayer layer, DenseLayer weights)
    {
        var faults = new double[layer.Grid.Inputs, layer.Grid.Outputs];
        var error = new double[layer.Grid.Inputs, layer.Grid.Outputs];
        foreach (ProgrammedTile tile in layer.Tiles)
        {
            (float[] plus, float[] minus) = TileTargets.Of(tile, weights);
            double gmax = tile.Mapping.Gmax;
            for (int r = 0; r < tile.Rows; r++)
                for (int c = 0; c < tile.Cols; c++)
                {
                    int i = r * tile.Cols + c;
                    byte p = (byte)(tile.FaultPlus?[i] ?? DeviceFault.Healthy), m = (byte)(tile.FaultMinus?[i] ?? DeviceFault.Healthy);
                    faults[tile.RowStart + r, tile.ColStart + c] = Math.Max(p, m);
                    double now = (double)tile.GPlus[i] - tile.GMinus[i], target = (double)plus[i] - minus[i];
                    error[tile.RowStart + r, tile.ColStart + c] = Math.Abs(now - target) / gmax;
                }
        }
        return (faults, error);
    }

    private static Plot Panel(ChipLayer layer, double[,] values, string title, bool fault)
    {
        var plot = new Plot();
        PlotFont.Apply(plot);
        TileGrid grid = layer.Grid;
        var heatmap = plot.Add.Heatmap(values);
        // Cell (r, c) covers [c, c + 1] x [r, r + 1], the y axis inverted (below) so that input 0 is on top: ScottPlot
        // puts row 0 at the rectangle's bottom edge unless flipped.
        heatmap.Rectangle = new CoordinateRect(0, grid.Outputs, grid.Inputs, 0);
        heatmap.FlipVertically = true;
        if (fault)
        {
            heatmap.Colormap = new ScottPlot.Colormaps.CustomPalette(FaultColors);
            heatmap.ManualRange = new ScottPlot.Range(0, 3);
        }
        else
        {
            heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
            plot.Add.ColorBar(heatmap);
        }
        for (int tc = 1; tc < grid.TileCols; tc++) plot.Add.VerticalLine(grid.ColStart(tc), 1, Colors.Gray);
        for (int tr = 1; tr < grid.TileRows; tr++) plot.Add.HorizontalLine(grid.RowStart(tr), 1, Colors.Gray);
        plot.Title(title, size: 12);
        plot.XLabel("output (column)");
        plot.YLabel("input (row)");
        plot.Axes.SetLimits(0, grid.Outputs, grid.Inputs, 0);
        // Inputs and outputs are whole numbers: a 10-output layer would otherwise be labelled at halves.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        return plot;
    }
}
