using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Snn;
using DistSnn.Core.Study;

namespace DistSnn.Core.Trial;

/// <summary>
/// Everything a trial of one sweep point needs that does not depend on the trial, built once per point: the model
/// as the point runs it, the crossbar, each layer's tile grid and weight scale, the data subset, how it is cut into
/// batches and what each sample's random draws are keyed by. Both engines run trials from a plan, so the layout
/// is written once.
/// </summary>
public sealed class TrialPlan
{
    /// <param name="calibration">With a calibrated ADC range, the samples it is calibrated on (their first
    /// <see cref="AdcCalibrationSettings.Samples"/>); null = <paramref name="data"/>, which only a calibration on the
    /// study's own samples may use (<see cref="ForPoint"/> finds a train split).</param>
    public TrialPlan(SnnModel model, CrossbarSettings crossbar, Dataset data, uint seed, int batchSize, Dataset? calibration = null)
        : this(model, crossbar, data, seed, batchSize, CalibrationOf(model, crossbar, calibration ?? StudySamples(crossbar, data), seed))
    {
    }

    private static Dataset StudySamples(CrossbarSettings crossbar, Dataset data) =>
        CalibrationSettings(crossbar) is { Data: AdcCalibrationData.Train }
            ? throw new ArgumentException("a calibrated ADC range over a train split needs those samples: pass them as calibration, or build the plan with TrialPlan.ForPoint", nameof(crossbar))
            : data;

    private TrialPlan(SnnModel model, CrossbarSettings crossbar, Dataset data, uint seed, int batchSize, Lazy<AdcCalibration>? calibration)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), "batch must be at least 1");
        if (data.Features != model.Inputs)
            throw new ArgumentException($"the data has {data.Features} features but the model takes {model.Inputs} inputs");
        Model = model;
        Crossbar = crossbar;
        Data = data;
        Seed = seed;
        BatchSize = batchSize;
        Grids = model.Layers.Select(l => new TileGrid(l.Inputs, l.Outputs, crossbar.Tile)).ToArray();
        LayerWmax = model.Layers.Select(l => (double)l.MaxAbsWeight()).ToArray();
        MaxTileRows = Grids.Max(g => Math.Min(g.Rows, g.Inputs));
        MaxTileCols = Grids.Max(g => Math.Min(g.Cols, g.Outputs));
        _calibration = calibration;
        _groupReadNoise = Grids.Select((g, l) => Enumerable.Range(0, g.TileCols)
            .Select(tc => Enumerable.Range(0, g.TileRows).Any(tr => ProgrammedTile.ReadNoiseAtGroup(TileOverridden(l, g.Index(tr, tc))))).ToArray()).ToArray();
    }

    private readonly bool[][] _groupReadNoise;

    // Computed by the first tile programmed, whichever thread (tile actor or engine) that is; the others wait.
    private static Lazy<AdcCalibration>? CalibrationOf(SnnModel model, CrossbarSettings crossbar, Dataset source, uint seed) =>
        CalibrationSettings(crossbar) is { } settings
            ? new Lazy<AdcCalibration>(() => AdcCalibration.Run(model, crossbar, settings, source, seed), LazyThreadSafetyMode.ExecutionAndPublication)
            : null;

    /// <summary>The ADC calibration of a chip some of whose tiles (all, or those of a per-tile override) have a
    /// calibrated range; null when none has. The calibration keys are the chip's, so every such tile has the same.</summary>
    private static AdcCalibrationSettings? CalibrationSettings(CrossbarSettings crossbar) =>
        new[] { crossbar }.Concat(crossbar.Overrides.Combinations.Select(c => c.Settings))
            .Select(c => c.Adc is { Bits: > 0, Calibration: { } settings } ? settings : null).FirstOrDefault(c => c is not null);

    /// <summary>The plan of sweep point <paramref name="point"/>: the model and crossbar as the point sets them.</summary>
    public static TrialPlan ForPoint(StudySpec spec, int point, SnnModel model, Dataset data)
    {
        PointSettings settings = spec.Points[point].Settings;
        Dataset? calibration = CalibrationSettings(settings.Crossbar) is { } adc ? AdcCalibration.SourceOf(spec, adc.Data, data) : null;
        return new TrialPlan(settings.Apply(model), settings.Crossbar, data, spec.Seed, spec.Batch, calibration);
    }

    /// <summary>This plan with other faults (a tile knocked out), sharing its ADC calibration: that runs on ideal
    /// devices, so faults do not change it.</summary>
    public TrialPlan WithFaults(FaultSettings faults) =>
        new(Model, Crossbar with { Faults = faults }, Data, Seed, BatchSize, _calibration);

    /// <summary>This plan over other samples (a slice of its data), sharing its ADC calibration.</summary>
    public TrialPlan WithData(Dataset data, int batchSize) => new(Model, Crossbar, data, Seed, batchSize, _calibration);

    public SnnModel Model { get; }
    public CrossbarSettings Crossbar { get; }
    public Dataset Data { get; }
    public uint Seed { get; }
    public int BatchSize { get; }

    public IReadOnlyList<TileGrid> Grids { get; }

    /// <summary>Each layer's largest |w|: the per-layer conductance scale.</summary>
    public IReadOnlyList<double> LayerWmax { get; }

    /// <summary>The tallest and widest tile of any layer: what step buffers must hold.</summary>
    public int MaxTileRows { get; }
    public int MaxTileCols { get; }

    public int Layers => Model.Layers.Count;
    public bool IsLastLayer(int layer) => layer == Model.Layers.Count - 1;

    /// <summary>The last layer integrates without spiking and is read from its membranes.</summary>
    public bool IsMembraneReadout(int layer) => IsLastLayer(layer) && Model.Readout == ReadoutKind.Membrane;

    public int Batches => (Data.Count + BatchSize - 1) / BatchSize;
    public int BatchFirst(int batch) => batch * BatchSize;
    public int BatchSamples(int batch) => Math.Min(BatchSize, Data.Count - batch * BatchSize);

    /// <summary>The sample's index in its source data set: what its random draws are keyed by.</summary>
    public int SampleKey(int batch, int sample) => Data.FirstIndex + BatchFirst(batch) + sample;

    /// <summary>The read key of the first sample of <paramref name="batch"/> at <paramref name="step"/>; sample s of the batch is <c>Sample + s</c>.</summary>
    public ReadKey FirstKey(int trial, int batch, int step) => new(Seed, trial, SampleKey(batch, 0), step);

    /// <summary>The calibrated ADC ranges (computed on first use); null unless the ADC range is calibrated.</summary>
    public AdcCalibration? AdcCalibration => _calibration?.Value;

    /// <summary>Programs tile (tileRow, tileCol) of layer <paramref name="layer"/> for trial <paramref name="trial"/>.</summary>
    public ProgrammedTile ProgramTile(int trial, int layer, int tileRow, int tileCol) =>
        ProgrammedTile.Program(Model.Layers[layer], layer, Grids[layer], tileRow, tileCol, LayerWmax[layer],
            TileSettings(layer, Grids[layer].Index(tileRow, tileCol)), Seed, trial, FaultSelection(trial));

    /// <summary>The settings tile <paramref name="index"/> of <paramref name="layer"/> is programmed with: the
    /// point's, or those of the per-tile overrides that select it; with a calibrated ADC, its own range as a fixed one
    /// (none, for a tile that saw no current, is the automatic range).</summary>
    public CrossbarSettings TileSettings(int layer, int index)
    {
        CrossbarSettings tile = TileOverridden(layer, index);
        return _calibration is not null && tile.Adc is { Bits: > 0, Calibration: not null }
            ? tile with { Adc = tile.Adc with { Range = _calibration.Value.Range(layer, index), Calibration = null } }
            : tile;
    }

    /// <summary>The point's settings or the overrides' for the tile, before any calibration.</summary>
    private CrossbarSettings TileOverridden(int layer, int index)
    {
        if (Crossbar.Overrides.For(layer, index) is not { } tile) return Crossbar;
        // The tile criticality knocks out is the study's choice, not a setting: it holds whatever a tile overrides.
        return Crossbar.Faults.KnockedOut is null ? tile : tile with { Faults = tile.Faults with { KnockedOut = Crossbar.Faults.KnockedOut } };
    }

    /// <summary>
    /// Whether column group <paramref name="tileCol"/> of <paramref name="layer"/> draws read noise for its tiles
    /// (<see cref="ProgrammedTile.DefersReadNoise"/>): when any of its tiles leaves it the noise. On a heterogeneous
    /// chip the group sums the variances of the tiles that do and nothing of the others.
    /// </summary>
    public bool GroupDrawsReadNoise(int layer, int tileCol) => _groupReadNoise[layer][tileCol];

    /// <summary>Whether any column group of the chip draws read noise (<see cref="GroupDrawsReadNoise"/>).</summary>
    public bool AnyGroupDrawsReadNoise => _groupReadNoise.Any(layer => layer.Any(g => g));

    private readonly Lazy<AdcCalibration>? _calibration;

    private readonly Dictionary<int, ChipFaultSelection> _selections = new();

    /// <summary>Trial <paramref name="trial"/>'s exactly-k faults, shared by its tiles (computed once, the last few kept).</summary>
    public ChipFaultSelection FaultSelection(int trial)
    {
        if (!Crossbar.Faults.AnyExact) return ChipFaultSelection.None;
        lock (_selections)
        {
            if (_selections.TryGetValue(trial, out ChipFaultSelection? known)) return known;
            // A few trials run at once per point: keep a handful, not every trial of a long study.
            if (_selections.Count >= 16) _selections.Clear();
            return _selections[trial] = ChipFaultSelection.For(Grids, Crossbar.Faults, Seed, trial);
        }
    }
}
