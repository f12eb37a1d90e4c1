using DistSnn.Core.Crossbar;
using DistSnn.Core.Data;
using DistSnn.Core.Devices;
using DistSnn.Core.Snn;

namespace DistSnn.Core.Study;

/// <summary>
/// Typed settings to <see cref="PointSettings"/>, with the checks that involve more than one key. Run for every
/// sweep point, so a combination that is only invalid at some point is caught before any trial runs.
/// </summary>
internal static class PointSettingsBinder
{
    // stuck_off + stuck_on is compared with a little room so that 0.7 + 0.3 (0.99999...98 or 1.00...02) passes.
    private const double ProbabilitySlack = 1e-12;

    /// <summary>The IR-drop circuit; the per-device read path (one Gaussian per device) is not combined with it.</summary>
    private static IrDropSettings IrDrop(SpecValues values, string point)
    {
        var model = values.Required<IrDropModel>("crossbar.ir_drop.model");
        if (model != IrDropModel.None && values.Required<ReadNoisePath>("crossbar.device.read.path") == ReadNoisePath.Device
            && values.Required<double>("crossbar.device.read.sigma") > 0)
            throw values.Problem("crossbar.ir_drop.model", $"expected none with crossbar.device.read.path: device (IR drop reads with column read noise; use path: column){point}");
        return new IrDropSettings(model, values.Required<double>("crossbar.ir_drop.wire_resistance"), values.Required<double>("crossbar.ir_drop.source_resistance"),
            values.Required<double>("crossbar.ir_drop.sink_resistance"), values.Required<double>("crossbar.ir_drop.read_voltage"));
    }

    /// <summary>
    /// The rram-hfo2 preset's discrete levels. Not combined with the mapping's levels at the same point: both snap
    /// the target, one to a quantised weight, the other to a device level, and which of two grids a device ends on
    /// would be a silent choice; the rram levels already quantise the weights.
    /// </summary>
    private static int RramLevels(SpecValues values, DevicePreset preset, string point)
    {
        string key = SpecSchema.RramSection + ".levels";
        int levels = (int)values.Required<long>(key);
        if (preset == DevicePreset.RramHfo2 && levels > 0 && values.Required<long>("crossbar.mapping.levels") > 0)
        {
            string named = values.IsSwept("crossbar.mapping.levels") && !values.IsSwept(key) ? "crossbar.mapping.levels" : key;
            throw values.Problem(named, $"expected crossbar.mapping.levels or crossbar.device.rram_hfo2.levels, not both (the rram-hfo2 levels already quantise the targets; set the other to 0){point}");
        }
        return levels;
    }

    /// <summary>A tile-level fault's settings: a probability or an exact count, not both.</summary>
    private static TileFaultCount TileFault(SpecValues values, string name, string point)
    {
        string section = $"crossbar.faults.{name}";
        double probability = values.Required<double>(section + ".probability");
        long? exact = values.Integer(section + ".exact");
        if (exact is not null && probability > 0)
            throw values.Problem(section + ".exact", $"expected either probability (per item) or exact (per chip), got both{point}");
        return new TileFaultCount(probability, (int?)exact, (int)values.Required<long>(section + ".onset"));
    }

    /// <summary>With <c>range: calibrated</c>, how; else null. Calibrating on a train split needs a built-in data set:
    /// a file source's workers receive only the study's own samples.</summary>
    private static AdcCalibrationSettings? Calibration(SpecValues values, string point)
    {
        if (values["crossbar.adc.range"] is not AdcRangeType.Calibrated) return null;
        const string key = SpecSchema.AdcCalibration + ".data";
        bool builtin = BuiltinDatasets.Names.Contains(values.Text("data.source"));
        AdcCalibrationData data = values.Choice<AdcCalibrationData>(key) ?? (builtin ? AdcCalibrationData.Train : AdcCalibrationData.Study);
        if (data == AdcCalibrationData.Train && !builtin)
            throw values.Problem(key, $"expected study with data source {values.Text("data.source")} (a train split is only built in for {string.Join(" and ", BuiltinDatasets.Names)}; a cluster's workers receive only the study's samples){point}");
        return new AdcCalibrationSettings((int)values.Required<long>(SpecSchema.AdcCalibration + ".samples"),
            values.Required<double>(SpecSchema.AdcCalibration + ".percentile"), data);
    }

    /// <param name="point">Said after a cross-key error, e.g. " at sweep point 3", so the user knows which combination failed.</param>
    public static PointSettings Bind(SpecValues values, string point = "")
    {
        DevicePreset preset = values.Required<DevicePreset>(SpecSchema.Preset);
        double gmin = values.Number("crossbar.mapping.gmin") ?? DevicePresets.Gmin(preset);
        double gmax = values.Number("crossbar.mapping.gmax") ?? DevicePresets.Gmax(preset);
        if (gmax <= gmin)
        {
            string key = values.IsSwept("crossbar.mapping.gmin") && !values.IsSwept("crossbar.mapping.gmax") ? "crossbar.mapping.gmin" : "crossbar.mapping.gmax";
            throw values.Problem(key, $"expected gmax > gmin, got gmin {ScalarSyntax.FormatNumber(gmin)} and gmax {ScalarSyntax.FormatNumber(gmax)}{point}");
        }

        double stuckOff = values.Required<double>("crossbar.faults.stuck_off");
        double stuckOn = values.Required<double>("crossbar.faults.stuck_on");
        if (stuckOff + stuckOn > 1 + ProbabilitySlack)
        {
            // Point at the value the user is most likely to change: a swept one, else one that is written.
            string key = values.IsSwept("crossbar.faults.stuck_off") || (!values.IsWritten("crossbar.faults.stuck_on") && values.IsWritten("crossbar.faults.stuck_off"))
                ? "crossbar.faults.stuck_off"
                : "crossbar.faults.stuck_on";
            throw values.Problem(key, $"expected stuck_off + stuck_on <= 1, got {ScalarSyntax.FormatNumber(stuckOff)} + {ScalarSyntax.FormatNumber(stuckOn)}{point}");
        }

        var crossbar = new CrossbarSettings
        {
            Tile = new TileSettings((int)values.Required<long>("crossbar.tile.rows"), (int)values.Required<long>("crossbar.tile.cols")),
            Mapping = new MappingSettings(gmin, gmax, values.Required<ScaleMode>("crossbar.mapping.scale"), (int)values.Required<long>("crossbar.mapping.levels")),
            Time = values.Required<double>(SpecSchema.Time),
            Device = new DeviceSettings
            {
                Preset = preset,
                Programming = new ProgrammingSettings(
                    values.Required<NoiseModel>("crossbar.device.programming.model"),
                    values.Required<double>("crossbar.device.programming.sigma")),
                Read = new ReadSettings(
                    values.Required<NoiseModel>("crossbar.device.read.model"),
                    values.Required<double>("crossbar.device.read.sigma"),
                    values.Required<ReadNoisePath>("crossbar.device.read.path")),
                Drift = new DriftSettings(
                    values.Choice<DriftModelKind>("crossbar.device.drift.model") ?? DevicePresets.Drift(preset),
                    values.Required<DriftCompensationKind>("crossbar.device.drift.compensation")),
                Pcm = new PcmSettings(
                    values.Required<double>(SpecSchema.PcmSection + ".programming_scale"),
                    values.Required<double>(SpecSchema.PcmSection + ".drift_scale"),
                    values.Required<double>(SpecSchema.PcmSection + ".noise_scale"),
                    values.Required<double>(SpecSchema.PcmSection + ".t0"),
                    values.Required<double>(SpecSchema.PcmSection + ".t_read")),
                RramHfo2 = new RramHfo2Settings(
                    values.Required<double>(SpecSchema.RramSection + ".acceptance_range"),
                    values.Required<double>(SpecSchema.RramSection + ".programming_scale"),
                    values.Required<double>(SpecSchema.RramSection + ".drift_scale"),
                    values.Required<double>(SpecSchema.RramSection + ".noise_scale"),
                    values.Required<double>(SpecSchema.RramSection + ".t_read"),
                    RramLevels(values, preset, point),
                    values.Required<double>(SpecSchema.RramSection + ".level_spread")),
            },
            Faults = new FaultSettings(stuckOff, stuckOn)
            {
                DeadTiles = TileFault(values, "dead_tiles", point),
                DeadRows = TileFault(values, "dead_rows", point),
                DeadColumns = TileFault(values, "dead_columns", point),
                StuckColumns = TileFault(values, "stuck_columns", point),
                Clustered = new ClusteredFaultSettings(values.Required<double>("crossbar.faults.clustered.mean"),
                    values.Required<double>("crossbar.faults.clustered.shape"), values.Required<double>("crossbar.faults.clustered.on_fraction")),
            },
            Adc = new AdcSettings(
                (int)values.Required<long>("crossbar.adc.bits"),
                values["crossbar.adc.range"] is double range ? range : null,
                Calibration(values, point)),
            Dac = new DacSettings((int)values.Required<long>("crossbar.dac.bits")),
            IrDrop = IrDrop(values, point),
            Periphery = new PeripherySettings(values.Required<double>("crossbar.periphery.output_noise"), values.Required<double>("crossbar.periphery.offset")),
        };

        var neuron = new NeuronOverrides(
            values.Number("neuron.beta"),
            values.Number("neuron.threshold"),
            values.Choice<ResetMode>("neuron.reset"),
            values.Number("neuron.sigma"));

        return new PointSettings((int?)values.Integer("timesteps"), neuron, values.Choice<EncoderKind>("encoder"), crossbar)
        {
            Readout = values.Choice<ReadoutKind>("readout"),
        };
    }
}
