using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Snn;

namespace DistSnn.Core.Study;

/// <summary>
/// A validated study (<c>distsnn-study/1</c>): a base configuration, sweep axes expanded into points, a trial
/// count, a seed and the data. Built by <see cref="StudySpecReader"/>; every point's settings are already bound.
/// </summary>
public sealed record StudySpec
{
    public required string Name { get; init; }

    /// <summary>The study seed: every random draw is a function of it (DESIGN.md §3).</summary>
    public required uint Seed { get; init; }

    /// <summary>The model as written (<c>builtin:NAME</c> or a path); resolve with <see cref="ModelPath"/>.</summary>
    public required string Model { get; init; }

    /// <summary>Absolute path of the model file, or null for a built-in model.</summary>
    public string? ModelPath { get; init; }

    public required DataSpec Data { get; init; }

    public required TrialCount Trials { get; init; }

    /// <summary>Samples per batch in the engine. Results never depend on it.</summary>
    public int Batch { get; init; } = 64;

    public required IReadOnlyList<SweepAxis> Sweep { get; init; }

    /// <summary>The grid of the sweep axes, first axis slowest; a single point when there is no sweep.</summary>
    public required IReadOnlyList<StudyPoint> Points { get; init; }

    /// <summary>The point every other point is compared with, trial by trial (<see cref="PairedDifference"/>); 0 unless the spec says.</summary>
    public int Baseline { get; init; }

    /// <summary>Where a trial's tiles live: on one node, or dealt over the cluster's workers. Never changes a result.</summary>
    public TilePlacement Placement { get; init; } = TilePlacement.Local;

    /// <summary>Whether the reports show the accuracy of the same model on ideal devices, which costs one extra
    /// trial (<see cref="IdealDeviceAccuracy"/>). Never changes a trial's result, so it is not hashed.</summary>
    public bool IdealReference { get; init; } = true;

    /// <summary>The accuracy a chip must reach to count towards the yield (<see cref="YieldEstimate"/>); null: no
    /// yield in the summary. Never changes a trial's result, so it is not hashed.</summary>
    public double? YieldThreshold { get; init; }

    /// <summary>Energy per event for each chip's energy estimate (<see cref="ChipStatistics"/>). Never changes a
    /// trial's result, so it is not hashed.</summary>
    public EnergySettings Energy { get; init; } = new();

    /// <summary>The spec file (or <c>builtin:demo</c>) it came from, for error messages.</summary>
    public required string Origin { get; init; }

    /// <summary>The per-tile overrides as written (<c>crossbar.overrides</c>), for reports; each point's resolved
    /// settings are in its <see cref="CrossbarSettings.Overrides"/>.</summary>
    public IReadOnlyList<TileOverride> Overrides { get; init; } = [];

    /// <summary>The effective spec (after <c>--set</c>) as canonical text, one <c>key=value</c> per line, sorted,
    /// settings left at their default left out: what the spec hash is computed over.</summary>
    public required string CanonicalText { get; init; }

    /// <summary>The same lines with every default in: the spec as it ran, for a reader (<c>report.html</c>).</summary>
    public required string EffectiveText { get; init; }
}

/// <summary>Trials per point: fixed (<c>Min == Max</c>, no target) or adaptive until the 95% CI half-width is below the target.</summary>
public sealed record TrialCount(int Min, int Max, double? CiHalfWidth)
{
    public static TrialCount Fixed(int n) => new(n, n, null);
    public bool IsAdaptive => CiHalfWidth is not null;
}

/// <summary>One swept key and the values it takes, as written in the spec (numbers printed round-trip).</summary>
public sealed record SweepAxis(string Key, IReadOnlyList<string> Values);

/// <summary>One point of the sweep grid: its coordinates (one value per axis, in axis order) and its bound settings.</summary>
public sealed record StudyPoint(int Index, IReadOnlyList<string> Coordinates, PointSettings Settings);

/// <summary>What may differ between points: the model's run-time settings and the crossbar.</summary>
/// <param name="Timesteps">Override of the model's time steps; null = the model's.</param>
/// <param name="Neuron">Overrides of the model's neuron settings (null members = the model's).</param>
/// <param name="Encoder">Override of the model's encoder; null = the model's.</param>
public sealed record PointSettings(int? Timesteps, NeuronOverrides Neuron, EncoderKind? Encoder, CrossbarSettings Crossbar)
{
    public static PointSettings Ideal { get; } = new(null, new NeuronOverrides(), null, CrossbarSettings.Ideal);

    /// <summary>Override of the model's readout; null = the model's.</summary>
    public ReadoutKind? Readout { get; init; }

    /// <summary>The model as this point runs it.</summary>
    public SnnModel Apply(SnnModel model) => model.With(
        neuron: new NeuronSettings(
            Neuron.Beta ?? model.Neuron.Beta,
            Neuron.Threshold ?? model.Neuron.Threshold,
            Neuron.Reset ?? model.Neuron.Reset,
            Neuron.Sigma ?? model.Neuron.Sigma),
        encoder: Encoder,
        timesteps: Timesteps,
        readout: Readout);
}

/// <summary>Spec-level overrides of the neuron model; null keeps the model file's value.</summary>
public sealed record NeuronOverrides(double? Beta = null, double? Threshold = null, ResetMode? Reset = null, double? Sigma = null);
