using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Engine;
using DistSnn.Core.Snn;
using DistSnn.Core.Study;
using static DistSnn.Core.Tests.Study.SpecText;

namespace DistSnn.Core.Tests.Study;

/// <summary><c>distsnn criticality</c>'s runs: each tile dead in turn, paired with the intact chip.</summary>
public class CriticalityRunnerTests
{
    private const string Spec = """
        model: m
        data: { source: fashion-mnist, limit: 40 }
        timesteps: 6
        crossbar: { tile: { rows: 256, cols: 256 } }
        trials: 2
        """;

    [Fact]
    public void On_ideal_devices_a_dead_tile_is_the_network_with_that_tiles_weights_zeroed()
    {
        StudySpec spec = Read(Spec);
        SnnModel model = TestData.SharedModel;
        Dataset data = TestData.FashionMnistTest(40);
        IReadOnlyList<TileCriticality> tiles = new CriticalityRunner(spec, model, data, 2).Run(0);

        // 784-500-10 on 256 x 256 tiles: 4 x 2 tiles, then 2 x 1.
        Assert.Equal(10, tiles.Count);
        Assert.Equal([(0, 0), (0, 1), (1, 0), (1, 1), (2, 0), (2, 1), (3, 0), (3, 1)], tiles.Where(t => t.Layer == 0).Select(t => (t.TileRow, t.TileCol)));
        // Independently: the ideal chip of a model whose weights under tile (layer 0, row 1, col 1) are 0 (so are its
        // conductances: gmin is 0), run by the plain engine.
        double Accuracy(SnnModel m, int trial) =>
            new ReferenceEngine(spec.Points[0].Settings.Apply(m), spec.Points[0].Settings.Crossbar, spec.Seed, spec.Batch).RunTrial(trial, data).Accuracy;
        SnnModel cut = WithoutBlock(model, layer: 0, rowStart: 256, rows: 256, colStart: 256, cols: 256);
        TileCriticality tile = tiles.Single(t => t.Layer == 0 && t.TileRow == 1 && t.TileCol == 1);
        for (int k = 0; k < 2; k++)
            Assert.Equal(Accuracy(model, k) - Accuracy(cut, k), tile.Losses[k]);
        Assert.All(tiles, t => Assert.Equal(2, t.Losses.Count));
        // The output layer's tiles carry the whole answer: losing one costs far more than a first-layer tile.
        Assert.True(tiles.Where(t => t.Layer == 1).Max(t => t.MeanLoss) > tiles.Where(t => t.Layer == 0).Average(t => t.MeanLoss));
    }

    [Fact]
    public void The_worker_count_changes_nothing()
    {
        StudySpec spec = Read(Spec.Replace("trials: 2", "trials: 3"));
        Dataset data = TestData.FashionMnistTest(40);
        var one = new CriticalityRunner(spec, TestData.SharedModel, data, 1).Run(0);
        var two = new CriticalityRunner(spec, TestData.SharedModel, data, 2).Run(0);

        Assert.Equal(one.Select(t => t.Losses), two.Select(t => t.Losses));
    }

    private static SnnModel WithoutBlock(SnnModel model, int layer, int rowStart, int rows, int colStart, int cols)
    {
        var layers = model.Layers.ToList();
        DenseLayer d = layers[layer];
        float[] w = (float[])d.Weights.Clone();
        for (int o = colStart; o < Math.Min(colStart + cols, d.Outputs); o++)
            for (int i = rowStart; i < Math.Min(rowStart + rows, d.Inputs); i++) w[o * d.Inputs + i] = 0f;
        layers[layer] = new DenseLayer(d.Outputs, d.Inputs, w, d.Bias);
        return new SnnModel(layers, model.Neuron, model.Encoder, model.Timesteps, model.Readout, model.Metadata);
    }
}
