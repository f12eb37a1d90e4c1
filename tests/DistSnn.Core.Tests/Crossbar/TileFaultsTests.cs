using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Engine;
using DistSnn.Core.Tests.Engine;
using DistSnn.Core.Trial;

namespace DistSnn.Core.Tests.Crossbar;

/// <summary>
/// Tile-level faults (dead tiles, rows, columns, stuck columns; exactly k per chip; onset steps) and clustered stuck-at
/// defects, on real tiles of the shared model with Fashion-MNIST spikes, each against what the fault means.
/// </summary>
public class TileFaultsTests
{
    private const int Batch = 8, Trial = 3;
    private static readonly Dataset Images = TestData.FashionMnistTest(Batch);

    private static CrossbarSettings Chip(FaultSettings faults, bool adc = true) => DeterminismTests.NoisyChip() with
    {
        Tile = new(128, 128),
        Faults = faults,
        Adc = adc ? new(6, null) : new(),
    };

    /// <summary>Layer 0's tile (tr, tc) read at <paramref name="step"/> on the batch's spikes: its currents and variances.</summary>
    private static (float[] Currents, float[] Variances, TileCounters Counters) Read(CrossbarSettings chip, int step, int tr = 1, int tc = 2,
        Func<ProgrammedTile, ulong[], ulong[]>? edit = null)
    {
        TrialPlan plan = new(TestData.SharedModel, chip, Images, 7, Batch);
        ProgrammedTile tile = plan.ProgramTile(Trial, 0, tr, tc);
        var all = new ulong[Batch * PackedSpikes.WordsFor(plan.Model.Inputs)];
        ReadKey first = plan.FirstKey(Trial, 0, step);
        EncoderStep.Spikes(plan, 0, Batch, first, all);
        var spikes = new ulong[Batch * PackedSpikes.WordsFor(tile.Rows)];
        PackedSpikes.CopyBatch(all, plan.Model.Inputs, tile.RowStart, spikes, tile.Rows, 0, tile.Rows, Batch);
        if (edit is not null) spikes = edit(tile, spikes);
        var currents = new float[Batch * tile.Cols];
        var variances = new float[Batch * tile.Cols];
        TileCounters counters = new TileStep(tile.Rows, tile.Cols, Batch).Run(tile, spikes, Batch, first, currents, variances);
        return (currents, variances, counters);
    }

    [Fact]
    public void A_dead_tile_works_until_its_onset_and_then_outputs_nothing()
    {
        var healthy = Chip(new FaultSettings(0.01, 0));
        var dying = Chip(new FaultSettings(0.01, 0) { DeadTiles = new(Probability: 1, Onset: 4) });

        Assert.Equal(Read(healthy, 3).Currents, Read(dying, 3).Currents);
        var (currents, _, counters) = Read(dying, 4);
        Assert.All(currents, c => Assert.Equal(0f, c));
        Assert.Equal(default, counters);
        Assert.NotEqual(Read(healthy, 4).Currents, currents);
    }

    [Fact]
    public void A_dead_row_reads_as_if_its_inputs_were_never_there()
    {
        var faulty = Chip(new FaultSettings { DeadRows = new(Probability: 0.1) });
        TrialPlan plan = new(TestData.SharedModel, faulty, Images, 7, Batch);
        TileFaults faults = plan.ProgramTile(Trial, 0, 1, 2).Faults;
        Assert.InRange(faults.DeadRowCount, 3, 30);

        // The same tile without the fault, fed the spikes with the dead rows' bits cleared by hand.
        var healthy = Chip(new FaultSettings());
        ulong[] Cut(ProgrammedTile tile, ulong[] spikes)
        {
            int words = PackedSpikes.WordsFor(tile.Rows);
            for (int s = 0; s < Batch; s++)
                for (int r = 0; r < tile.Rows; r++)
                    if (faults.IsDeadRow(r)) spikes[s * words + (r >> 6)] &= ~(1UL << (r & 63));
            return spikes;
        }
        Assert.Equal(Read(healthy, 2, edit: Cut).Currents, Read(faulty, 2).Currents);
    }

    [Fact]
    public void Dead_columns_read_0_and_stuck_columns_the_adcs_full_scale_the_others_unchanged()
    {
        var faults = new FaultSettings { DeadColumns = new(Exact: 40), StuckColumns = new(Exact: 30) };
        TrialPlan plan = new(TestData.SharedModel, Chip(faults), Images, 7, Batch);
        ProgrammedTile tile = plan.ProgramTile(Trial, 0, 1, 2);
        var (healthy, _, _) = Read(Chip(new FaultSettings()), 1);
        var (currents, _, _) = Read(Chip(faults), 1);
        Assert.True(tile.Faults.DeadColumns.Length + tile.Faults.StuckColumns.Length > 0, "no faulty column on this tile: pick another");
        // The full scale: the 6-bit ADC's top level.
        var adc = tile.Adc!.Value;
        Assert.Equal((float)(adc.MaxCode * adc.Step), tile.StuckColumnCurrent);
        for (int s = 0; s < Batch; s++)
            for (int c = 0; c < tile.Cols; c++)
            {
                float expected = tile.Faults.StuckColumns.Contains(c) ? tile.StuckColumnCurrent
                    : tile.Faults.DeadColumns.Contains(c) ? 0f : healthy[s * tile.Cols + c];
                Assert.Equal(expected, currents[s * tile.Cols + c]);
            }
    }

    [Fact]
    public void Without_an_adc_a_dead_column_leaves_no_read_noise_for_its_group_to_draw()
    {
        var faults = new FaultSettings { DeadColumns = new(Probability: 0.3) };
        TrialPlan plan = new(TestData.SharedModel, Chip(faults, adc: false), Images, 7, Batch);
        ProgrammedTile tile = plan.ProgramTile(Trial, 0, 1, 2);
        Assert.True(tile.DefersReadNoise);
        var (currents, variances, _) = Read(Chip(faults, adc: false), 1);
        Assert.NotEmpty(tile.Faults.DeadColumns);
        for (int s = 0; s < Batch; s++)
            foreach (int c in tile.Faults.DeadColumns)
            {
                Assert.Equal(0f, currents[s * tile.Cols + c]);
                Assert.Equal(0f, variances[s * tile.Cols + c]);
            }
        Assert.Contains(variances, v => v > 0);
    }

    [Theory]
    [InlineData(1, 0, 0)]
    [InlineData(0, 57, 0)]
    [InlineData(0, 0, 91)]
    public void Exactly_k_gives_k_on_every_chip_and_other_ones_on_other_chips(int tiles, int rows, int columns)
    {
        var faults = new FaultSettings { DeadTiles = new(Exact: tiles), DeadRows = new(Exact: rows), DeadColumns = new(Exact: columns) };
        TrialPlan plan = new(TestData.SharedModel, Chip(faults), Images, 7, Batch);
        var chosen = new List<string>();
        for (int trial = 0; trial < 4; trial++)
        {
            Chip chip = Core.Crossbar.Chip.Program(plan, trial);
            var c = new ChipCounters(plan.Layers);
            foreach (ChipLayer layer in chip.Layers)
                foreach (ProgrammedTile tile in layer.Tiles) c.Add(tile);
            Assert.Equal(tiles, c.Total(ChipCounter.DeadTiles));
            Assert.Equal(rows, c.Total(ChipCounter.DeadRows));
            Assert.Equal(columns, c.Total(ChipCounter.DeadColumns));
            // The fault maps mark exactly those devices dead.
            long dead = chip.Layers.SelectMany(l => l.Tiles).Sum(t => t.FaultPlus!.Count(f => f == DeviceFault.Dead));
            long expected = chip.Layers.SelectMany(l => l.Tiles).Sum(t =>
                t.Faults.Dead ? (long)t.Rows * t.Cols
                : (long)t.Faults.DeadRowCount * t.Cols + (long)t.Faults.DeadColumns.Length * t.Rows - (long)t.Faults.DeadRowCount * t.Faults.DeadColumns.Length);
            Assert.Equal(expected, dead);
            chosen.Add(string.Join(";", chip.Layers.SelectMany(l => l.Tiles).Select(t => $"{t.Faults.Dead}{t.Faults.DeadRowCount}{string.Join(",", t.Faults.DeadColumns)}")));
        }
        Assert.True(chosen.Distinct().Count() >= 3, "the chips should differ in where their faults are");
    }

    [Fact]
    public void An_exact_count_above_the_chips_items_is_refused()
    {
        var faults = new FaultSettings { DeadTiles = new(Exact: 33) };
        TrialPlan plan = new(TestData.SharedModel, Chip(faults), Images, 7, Batch);
        // 784-500-10 on 128 x 128 tiles: 7 x 4 + 4 x 1 = 32 tiles.
        var e = Assert.Throws<ArgumentException>(() => plan.ProgramTile(0, 0, 0, 0));
        Assert.Contains("32", e.Message);
    }

    [Fact]
    public void Faults_whose_onset_is_past_the_last_step_change_no_score()
    {
        var model = TestData.SharedModel.With(timesteps: 6);
        var never = new FaultSettings(0.01, 0)
        {
            DeadTiles = new(Exact: 3, Onset: 6),
            DeadRows = new(Probability: 0.2, Onset: 6),
            DeadColumns = new(Probability: 0.2, Onset: 6),
            StuckColumns = new(Probability: 0.1, Onset: 6),
        };
        var late = never with { DeadColumns = new(Probability: 0.2, Onset: 3) };
        double[] Scores(FaultSettings faults)
        {
            var scores = new double[Images.Count * model.Classes];
            new ReferenceEngine(model, Chip(faults), 9, 4).RunTrial(Trial, Images, scores);
            return scores;
        }
        double[] healthy = Scores(new FaultSettings(0.01, 0));
        Assert.Equal(healthy, Scores(never));
        Assert.NotEqual(healthy, Scores(late));
    }

    [Fact]
    public void Clustered_defects_are_over_dispersed_as_a_gamma_mixture_of_binomials()
    {
        // 32 x 32 tiles of the shared model's first layer: 25 x 16 = 400 tiles of 2,048 devices, over 3 chips.
        const double mean = 0.02, shape = 0.5;
        var chip = new CrossbarSettings { Tile = new(32, 32), Faults = new FaultSettings { Clustered = new(mean, shape, 0.25) } };
        var plan = new TrialPlan(TestData.SharedModel, chip, Images, 11, Batch);
        var counts = new List<double>();
        long on = 0, stuck = 0;
        for (int trial = 0; trial < 3; trial++)
            for (int tr = 0; tr < plan.Grids[0].TileRows - 1; tr++)
                for (int tc = 0; tc < plan.Grids[0].TileCols - 1; tc++)
                {
                    ProgrammedTile tile = plan.ProgramTile(trial, 0, tr, tc);
                    counts.Add(tile.StuckOff + tile.StuckOn);
                    on += tile.StuckOn;
                    stuck += tile.StuckOff + tile.StuckOn;
                }
        double n = 2048, m = counts.Average(), variance = counts.Sum(x => (x - m) * (x - m)) / (counts.Count - 1);
        // Gamma(shape, mean/shape) rates: Var(count) = n mean (1 - mean) + n (n - 1) mean^2 / shape; a binomial's is ~40.
        double expected = n * mean * (1 - mean) + n * (n - 1) * mean * mean / shape;
        Assert.InRange(m / (n * mean), 0.85, 1.15);
        Assert.InRange(variance / expected, 0.7, 1.3);
        Assert.True(variance > 20 * n * mean * (1 - mean));
        Assert.InRange((double)on / stuck, 0.22, 0.28);
    }
}
