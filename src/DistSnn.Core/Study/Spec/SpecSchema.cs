using DistSnn.Core.Crossbar;
using DistSnn.Core.Snn;

namespace DistSnn.Core.Study;

/// <summary>
/// Every key of <c>distsnn-study/1</c> with its grammar and default, in the order the docs present them.
/// Defaults here mirror the record defaults in <see cref="CrossbarSettings"/> and <see cref="Data.DataSpec"/>.
/// </summary>
internal static class SpecSchema
{
    public const string Format = "distsnn-study/1";
    public const string Trials = "trials";
    public const string Sweep = "sweep";
    public const string Baseline = "baseline";
    public const string Placement = "placement";
    public const string Report = "report";
    public const string IdealReference = "report.ideal_reference";
    public const string YieldThreshold = "yield_threshold";
    public const string Energy = "energy";
    public const string Time = "time";
    public const string Preset = "crossbar.device.preset";
    public const string PcmSection = "crossbar.device.pcm";
    public const string RramSection = "crossbar.device.rram_hfo2";
    public const string Overrides = "crossbar.overrides";
    public const string AdcCalibration = "crossbar.adc.calibration";

    public static IReadOnlyList<SpecKey> Keys { get; } =
    [
        Study("format", TextType.Exactly(Format, "the only format this version reads"), Format),
        Study("name", TextType.StudyName),
        Study("seed", new IntegerType(0, uint.MaxValue), 1L),
        Study("model", TextType.NonEmpty),
        Section("data"),
        Study("data.source", TextType.NonEmpty, "digits"),
        Study("data.path", TextType.NonEmpty),
        Study("data.split", ChoiceType.Of("test", "train"), "test"),
        Study("data.limit", new IntegerType(1, int.MaxValue)),
        Study("data.offset", new IntegerType(0, int.MaxValue), 0L),
        // No default in the schema: absent (min-max for csv) stays out of the canonical text, as before the key existed.
        Study("data.normalize", ChoiceType.ForEnum<Data.CsvNormalization>()),
        Point("timesteps", new IntegerType(1, 100_000)),
        Study("batch", new IntegerType(1, 65_536), 64L),
        Section("neuron"),
        Point("neuron.beta", NumberType.AboveUpTo(0, 1)),
        Point("neuron.threshold", NumberType.Above(0)),
        Point("neuron.reset", ChoiceType.ForEnum<ResetMode>()),
        Point("neuron.sigma", NumberType.AtLeast(0)),
        Point("encoder", ChoiceType.ForEnum<EncoderKind>()),
        Point("readout", ChoiceType.ForEnum<ReadoutKind>()),
        Point(Time, NumberType.AtLeast(0), 0.0),
        Section("crossbar"),
        Section("crossbar.tile"),
        Point("crossbar.tile.rows", new IntegerType(1, 4096), 128L),
        Point("crossbar.tile.cols", new IntegerType(1, 4096), 128L),
        Section("crossbar.mapping"),
        // No default in the schema: the preset's range (DevicePresets) unless the spec sets one.
        Point("crossbar.mapping.gmin", NumberType.AtLeast(0)),
        Point("crossbar.mapping.gmax", NumberType.Above(0)),
        Point("crossbar.mapping.scale", ChoiceType.ForEnum<ScaleMode>(), ScaleMode.PerLayer),
        Point("crossbar.mapping.levels", new IntegerType(2, 65_536, zeroMeansOff: true), 0L),
        Section("crossbar.device"),
        Point(Preset, ChoiceType.ForEnum<DevicePreset>(), DevicePreset.Generic),
        Section("crossbar.device.programming"),
        Point("crossbar.device.programming.model", ChoiceType.ForEnum<NoiseModel>(), NoiseModel.Proportional),
        Point("crossbar.device.programming.sigma", NumberType.AtLeast(0), 0.0),
        Section("crossbar.device.read"),
        Point("crossbar.device.read.model", ChoiceType.ForEnum<NoiseModel>(), NoiseModel.Proportional),
        Point("crossbar.device.read.sigma", NumberType.AtLeast(0), 0.0),
        Point("crossbar.device.read.path", ChoiceType.ForEnum<ReadNoisePath>(), ReadNoisePath.Column),
        Section("crossbar.device.drift"),
        // No default in the schema: the preset's own drift law (DevicePresets) unless the spec sets one.
        Point("crossbar.device.drift.model", ChoiceType.ForEnum<DriftModelKind>()),
        Point("crossbar.device.drift.compensation", ChoiceType.ForEnum<DriftCompensationKind>(), DriftCompensationKind.None),
        Section(PcmSection),
        Point(PcmSection + ".programming_scale", NumberType.AtLeast(0), 1.0),
        Point(PcmSection + ".drift_scale", NumberType.AtLeast(0), 1.0),
        Point(PcmSection + ".noise_scale", NumberType.AtLeast(0), 1.0),
        Point(PcmSection + ".t0", NumberType.Above(0), 20.0),
        Point(PcmSection + ".t_read", NumberType.Above(0), 250e-9),
        Section(RramSection),
        Point(RramSection + ".acceptance_range", NumberType.OneOf(2.0, 0.2), 2.0),
        Point(RramSection + ".programming_scale", NumberType.AtLeast(0), 1.0),
        Point(RramSection + ".drift_scale", NumberType.AtLeast(0), 1.0),
        Point(RramSection + ".noise_scale", NumberType.AtLeast(0), 1.0),
        Point(RramSection + ".t_read", NumberType.Above(0), 1e-6),
        // At their defaults (continuous) the level keys stay out of the canonical text, so earlier hashes hold.
        Point(RramSection + ".levels", new IntegerType(2, 65_536, zeroMeansOff: true), 0L),
        Point(RramSection + ".level_spread", NumberType.AtLeast(0), RramHfo2Settings.DefaultLevelSpread),
        Section("crossbar.faults"),
        Point("crossbar.faults.stuck_off", NumberType.Probability, 0.0),
        Point("crossbar.faults.stuck_on", NumberType.Probability, 0.0),
        .. TileFaultKeys("dead_tiles"),
        .. TileFaultKeys("dead_rows"),
        .. TileFaultKeys("dead_columns"),
        .. TileFaultKeys("stuck_columns"),
        Section("crossbar.faults.clustered"),
        Point("crossbar.faults.clustered.mean", NumberType.Probability, 0.0),
        Point("crossbar.faults.clustered.shape", NumberType.Above(0), 1.0),
        Point("crossbar.faults.clustered.on_fraction", NumberType.Probability, 0.0),
        Section("crossbar.adc"),
        Point("crossbar.adc.bits", new IntegerType(2, 24, zeroMeansOff: true), 0L),
        Point("crossbar.adc.range", new AdcRangeType(), AdcRangeType.Auto),
        Section(AdcCalibration),
        Point(AdcCalibration + ".samples", new IntegerType(1, 1_000_000), 256L),
        Point(AdcCalibration + ".percentile", NumberType.AboveUpTo(0, 100), 100.0),
        // No default in the schema: train for a built-in data set, the study's own samples for a file source.
        Point(AdcCalibration + ".data", ChoiceType.ForEnum<AdcCalibrationData>()),
        Section("crossbar.periphery"),
        Point("crossbar.periphery.output_noise", NumberType.AtLeast(0), 0.0),
        Point("crossbar.periphery.offset", NumberType.AtLeast(0), 0.0),
        Section("crossbar.dac"),
        Point("crossbar.dac.bits", new IntegerType(0, 24), 0L),
        Section("crossbar.ir_drop"),
        Point("crossbar.ir_drop.model", ChoiceType.ForEnum<IrDropModel>(), IrDropModel.None),
        Point("crossbar.ir_drop.wire_resistance", NumberType.AtLeast(0), IrDropSettings.DefaultWireResistance),
        Point("crossbar.ir_drop.source_resistance", NumberType.AtLeast(0), IrDropSettings.DefaultSourceResistance),
        Point("crossbar.ir_drop.sink_resistance", NumberType.AtLeast(0), IrDropSettings.DefaultSinkResistance),
        Point("crossbar.ir_drop.read_voltage", NumberType.Above(0), IrDropSettings.DefaultReadVoltage),
        new(Overrides, SpecKeyShape.Overrides),
        new(Trials, SpecKeyShape.Trials),
        Study("trials.min", TrialCountBinder.MinType),
        Study("trials.max", TrialCountBinder.MaxType),
        Study("trials.ci_halfwidth", TrialCountBinder.HalfWidthType),
        new(Sweep, SpecKeyShape.Sweep),
        // No default in the schema: an absent baseline (point 0) stays out of the canonical text, so adding the key
        // left the hash of every earlier spec unchanged.
        Study(Baseline, new IntegerType(0, StudySpecReader.MaxPoints - 1)),
        Study(Placement, ChoiceType.ForEnum<TilePlacement>(), TilePlacement.Local),
        // No default: without it the summary has no yield. Never changes a trial, so it is not hashed.
        Study(YieldThreshold, NumberType.Probability),
        Section(Energy),
        Study("energy.device_read_fj", NumberType.AtLeast(0), 2.0),
        Study("energy.adc_conversion_pj", NumberType.AtLeast(0), 2.0),
        Study("energy.neuron_update_pj", NumberType.AtLeast(0), 0.5),
        Section(Report),
        Study(IdealReference, BooleanType.Instance, true),
    ];

    private static readonly Dictionary<string, SpecKey> ByPath = Keys.ToDictionary(k => k.Path);

    /// <summary>The scalar settings bound into <see cref="SpecValues"/>: every value key except the parts of an adaptive trial count.</summary>
    public static IEnumerable<SpecKey> Settings => Keys.Where(k => k.Shape == SpecKeyShape.Value && k.Parent != Trials);

    public static SpecKey? Find(string path) => ByPath.GetValueOrDefault(path);

    public static SpecKey Get(string path) => ByPath[path];

    /// <summary>The keys directly inside a section (the top when <paramref name="section"/> is empty).</summary>
    public static IEnumerable<SpecKey> ChildrenOf(string section) => Keys.Where(k => k.Parent == section);

    private static SpecKey Section(string path) => new(path, SpecKeyShape.Section);

    /// <summary>A tile-level fault's section: <c>{ probability: p }</c> per item or <c>{ exact: k }</c> per chip, and an onset step.</summary>
    private static SpecKey[] TileFaultKeys(string name) =>
    [
        Section($"crossbar.faults.{name}"),
        Point($"crossbar.faults.{name}.probability", NumberType.Probability, 0.0),
        // No default: absent means "not given as exact"; 0 would mean exactly none.
        Point($"crossbar.faults.{name}.exact", new IntegerType(0, int.MaxValue)),
        Point($"crossbar.faults.{name}.onset", new IntegerType(0, 100_000), 0L),
    ];

    private static SpecKey Study(string path, SpecValueType type, object? defaultValue = null) => new(path, SpecKeyShape.Value, type, defaultValue);

    private static SpecKey Point(string path, SpecValueType type, object? defaultValue = null) => new(path, SpecKeyShape.Value, type, defaultValue, Sweepable: true);
}
