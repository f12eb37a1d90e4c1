using DistSnn.Core.Crossbar;

namespace DistSnn.Core.Study;

/// <summary>
/// What a spec key means, with its unit, as an axis or legend label in a paper would say it
/// (<c>crossbar.device.read.sigma</c> is "read noise σ (relative)"). One table for every sweepable key, so the
/// plots and the report name a key the same way; a key without an entry is shown as written.
/// </summary>
public static class SpecKeyLabels
{
    private const string ProgrammingSigma = "crossbar.device.programming.sigma";
    private const string ReadSigma = "crossbar.device.read.sigma";

    internal static IReadOnlyDictionary<string, string> Table { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["timesteps"] = "time steps T per sample",
        ["neuron.beta"] = "membrane decay β (1 = IF)",
        ["neuron.threshold"] = "firing threshold (weight units)",
        ["neuron.reset"] = "reset after a spike",
        ["neuron.sigma"] = "membrane noise σ (weight units)",
        ["encoder"] = "input encoding",
        ["readout"] = "readout (how the output is scored)",
        ["crossbar.tile.rows"] = "tile rows (inputs per tile)",
        ["crossbar.tile.cols"] = "tile columns (outputs per tile)",
        ["crossbar.mapping.gmin"] = "g_min (µS)",
        ["crossbar.mapping.gmax"] = "g_max (µS)",
        ["crossbar.mapping.scale"] = "weight-to-conductance scale",
        ["crossbar.mapping.levels"] = "conductance levels (0 = continuous)",
        ["crossbar.device.programming.model"] = "programming-noise model",
        [ProgrammingSigma] = "programming noise σ",
        ["crossbar.device.read.model"] = "read-noise model",
        [ReadSigma] = "read noise σ",
        ["crossbar.device.read.path"] = "read-noise sampling",
        ["crossbar.faults.stuck_off"] = "stuck-at-off probability",
        ["crossbar.faults.stuck_on"] = "stuck-at-on probability",
        ["crossbar.faults.dead_tiles.probability"] = "dead-tile probability (per tile)",
        ["crossbar.faults.dead_tiles.exact"] = "dead tiles per chip",
        ["crossbar.faults.dead_tiles.onset"] = "dead-tile onset (time step)",
        ["crossbar.faults.dead_rows.probability"] = "dead-row probability (per tile row)",
        ["crossbar.faults.dead_rows.exact"] = "dead rows per chip",
        ["crossbar.faults.dead_rows.onset"] = "dead-row onset (time step)",
        ["crossbar.faults.dead_columns.probability"] = "dead-column probability (per tile column)",
        ["crossbar.faults.dead_columns.exact"] = "dead columns per chip",
        ["crossbar.faults.dead_columns.onset"] = "dead-column onset (time step)",
        ["crossbar.faults.stuck_columns.probability"] = "stuck-column probability (per tile column)",
        ["crossbar.faults.stuck_columns.exact"] = "stuck columns per chip",
        ["crossbar.faults.stuck_columns.onset"] = "stuck-column onset (time step)",
        ["crossbar.faults.clustered.mean"] = "clustered defect rate, mean",
        ["crossbar.faults.clustered.shape"] = "clustered defect rate, Gamma shape",
        ["crossbar.faults.clustered.on_fraction"] = "clustered defects stuck on (fraction)",
        ["crossbar.adc.bits"] = "ADC resolution (bits, 0 = ideal)",
        ["crossbar.adc.range"] = "ADC full scale (weight units)",
        ["crossbar.adc.calibration.samples"] = "ADC calibration samples",
        ["crossbar.adc.calibration.percentile"] = "ADC calibration percentile (%)",
        ["crossbar.adc.calibration.data"] = "ADC calibration data",
        ["crossbar.dac.bits"] = "DAC resolution (bits, 0 = ideal)",
        ["crossbar.ir_drop.model"] = "IR-drop model",
        ["crossbar.periphery.output_noise"] = "column output noise σ (of full scale)",
        ["crossbar.periphery.offset"] = "column offset σ (of full scale)",
        ["crossbar.ir_drop.wire_resistance"] = "wire resistance per cell (Ω)",
        ["crossbar.ir_drop.source_resistance"] = "row driver resistance (Ω)",
        ["crossbar.ir_drop.sink_resistance"] = "column sense resistance (Ω)",
        ["crossbar.ir_drop.read_voltage"] = "read voltage (V)",
        ["time"] = "time after programming (s)",
        ["crossbar.device.preset"] = "device model (preset)",
        ["crossbar.device.drift.model"] = "drift model",
        ["crossbar.device.drift.compensation"] = "drift compensation",
        ["crossbar.device.pcm.programming_scale"] = "PCM programming-noise scale (× aihwkit's)",
        ["crossbar.device.pcm.drift_scale"] = "PCM drift-exponent scale (× aihwkit's)",
        ["crossbar.device.pcm.noise_scale"] = "PCM accumulated-noise scale (× aihwkit's)",
        ["crossbar.device.pcm.t0"] = "PCM drift reference time t0 (s)",
        ["crossbar.device.pcm.t_read"] = "PCM read duration t_read (s)",
        ["crossbar.device.rram_hfo2.acceptance_range"] = "RRAM program-verify acceptance range (%)",
        ["crossbar.device.rram_hfo2.programming_scale"] = "RRAM programming-noise scale (× aihwkit's)",
        ["crossbar.device.rram_hfo2.drift_scale"] = "RRAM relaxation scale (× aihwkit's)",
        ["crossbar.device.rram_hfo2.noise_scale"] = "RRAM read-noise scale (× aihwkit's)",
        ["crossbar.device.rram_hfo2.t_read"] = "RRAM read duration t_read (s)",
        ["crossbar.device.rram_hfo2.levels"] = "RRAM conductance levels (0 = continuous)",
        ["crossbar.device.rram_hfo2.level_spread"] = "RRAM level spread σ/G (relative)",
    };

    /// <summary>Keys whose 0 switches the effect off rather than being a small amount of it, and what 0 then means.</summary>
    private static readonly IReadOnlyDictionary<string, string> ZeroMeanings = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["crossbar.adc.bits"] = "ideal",
        ["crossbar.dac.bits"] = "ideal",
        ["crossbar.mapping.levels"] = "continuous",
    };

    /// <summary>What 0 means for <paramref name="key"/> when it means "off" (<c>crossbar.adc.bits</c>: "ideal"); null otherwise.</summary>
    public static string? ZeroMeaning(string key) => ZeroMeanings.GetValueOrDefault(key);

    /// <summary>
    /// The label of <paramref name="key"/> in <paramref name="spec"/>. A noise σ's unit follows its noise model
    /// (relative when proportional, µS when additive), so it is read from the study's points and their tiles.
    /// </summary>
    public static string For(string key, StudySpec? spec = null)
    {
        if (!Table.TryGetValue(key, out string? label)) return key;
        return key switch
        {
            ProgrammingSigma => $"{label} ({NoiseUnit(spec, s => s.Device.Programming.Model)})",
            ReadSigma => $"{label} ({NoiseUnit(spec, s => s.Device.Read.Model)})",
            _ => label,
        };
    }

    private static string NoiseUnit(StudySpec? spec, Func<CrossbarSettings, NoiseModel> model)
    {
        // Per-tile overrides may read a sigma under another model: every tile's counts.
        var models = spec?.Points.SelectMany(p => p.Settings.Crossbar.Overrides.Combinations.Select(c => c.Settings).Prepend(p.Settings.Crossbar))
            .Select(model).Distinct().ToList() ?? [NoiseModel.Proportional];
        return models.Count != 1 ? "relative or µS, per point" : models[0] == NoiseModel.Additive ? "µS" : "relative";
    }
}
