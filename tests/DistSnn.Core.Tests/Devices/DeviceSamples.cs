using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Snn;
using DistSnn.Core.Trial;

namespace DistSnn.Core.Tests.Devices;

/// <summary>
/// Many devices programmed to a few known targets, through the real path (<see cref="ProgrammedTile.Program"/>,
/// its random streams included): a 128 x 120 layer whose weights take three values column by column (fractions
/// 0.05, 0.5 and 1 of the largest, with a layer wmax of 1), so each target has 128 x 40 positive devices per trial,
/// and every negative device sits at gmin.
/// </summary>
internal static class DeviceSamples
{
    public const int Rows = 128, Cols = 120;

    public static readonly double[] Fractions = [0.05, 0.5, 1.0];

    public static DenseLayer Layer()
    {
        var w = new float[Cols * Rows];
        for (int o = 0; o < Cols; o++)
            for (int i = 0; i < Rows; i++)
                w[o * Rows + i] = (float)Fractions[o % Fractions.Length];
        return new DenseLayer(Cols, Rows, w, null);
    }

    /// <summary>The target (uS) of level <paramref name="level"/> on <paramref name="mapping"/>.</summary>
    public static double Target(MappingSettings mapping, int level) => mapping.Gmin + (mapping.Gmax - mapping.Gmin) * Fractions[level];

    /// <param name="layer">A Rows x Cols layer; <see cref="Layer"/> if null.</param>
    public static ProgrammedTile Program(CrossbarSettings settings, int trial, DenseLayer? layer = null)
    {
        layer ??= Layer();
        var model = new SnnModel([layer], new NeuronSettings(), EncoderKind.Rate, 1, ReadoutKind.SpikeCount);
        var noData = new Dataset("none", Rows, [], [], Cols);
        var plan = new TrialPlan(model, settings with { Tile = new TileSettings(Rows, Cols) }, noData, 11, 1);
        return plan.ProgramTile(trial, 0, 0, 0);
    }

    /// <summary>Per level, every positive device of trials 0 .. trials-1 as <paramref name="select"/> reads it.</summary>
    public static List<double>[] ByLevel(CrossbarSettings settings, int trials, Func<ProgrammedTile, int, double> select)
    {
        var levels = Fractions.Select(_ => new List<double>()).ToArray();
        for (int t = 0; t < trials; t++)
        {
            ProgrammedTile tile = Program(settings, t);
            for (int r = 0; r < Rows; r++)
                for (int c = 0; c < Cols; c++)
                    levels[c % Fractions.Length].Add(select(tile, r * Cols + c));
        }
        return levels;
    }

    public static double Mean(IReadOnlyList<double> x) => x.Average();

    public static double Std(IReadOnlyList<double> x)
    {
        double m = x.Average();
        return Math.Sqrt(x.Sum(v => (v - m) * (v - m)) / (x.Count - 1));
    }
}
