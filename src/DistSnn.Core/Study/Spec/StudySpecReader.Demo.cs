namespace DistSnn.Core.Study;

public static partial class StudySpecReader
{
    /// <summary>The origin of the built-in demo in messages and in <see cref="StudySpec.Origin"/>.</summary>
    public const string DemoOrigin = "builtin:demo";

    /// <summary>
    /// The study <c>distsnn study</c> runs without a spec file: the built-in digits network on small tiles, read noise
    /// against stuck-off faults. Written as a researcher would write a spec; tune it here.
    /// </summary>
    public const string DemoSpecText = """
        # DistSnn built-in demo: how accurate is a small spiking network on noisy, faulty memristive crossbars?
        format: distsnn-study/1
        name: demo
        seed: 1                     # every random draw derives from it; same seed, same trials.csv

        # A small integrate-and-fire network trained on the built-in 8x8 digits, tested on their test split.
        model: builtin:digits-mlp
        data: { source: digits, split: test }

        crossbar:
          # Small tiles, so every layer spans several tiles and their partial sums meet digitally.
          tile: { rows: 32, cols: 32 }
          # Weights become differential conductance pairs in 0..25 uS, one scale per layer, continuous levels.
          mapping: { gmin: 0.0, gmax: 25.0, scale: per-layer, levels: 0 }
          device:
            # Programming error: 5% relative spread, drawn once per virtual chip.
            programming: { model: proportional, sigma: 0.05 }
            # Read noise: relative spread redrawn at every read; its sigma is swept below.
            read: { model: proportional }
          # Fabrication faults: stuck-off devices are swept below, no stuck-on devices.
          faults: { stuck_on: 0.0 }

        # 4 x 3 = 12 points, first axis slowest.
        sweep:
          - { key: crossbar.device.read.sigma, values: [0.0, 0.25, 0.5, 1.0] }
          - { key: crossbar.faults.stuck_off, values: [0.0, 0.03, 0.1] }

        # 20 virtual chips per point; chip k shares its fabrication and programming draws across points.
        trials: 20
        """;

    /// <summary>Reads <see cref="DemoSpecText"/> with the given <c>--set</c> overrides.</summary>
    public static StudySpec ReadDemo(IReadOnlyList<string> sets) => ReadText(DemoSpecText, DemoOrigin, null, sets);
}
