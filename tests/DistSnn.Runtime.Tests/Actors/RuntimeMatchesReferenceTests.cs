using DistSnn.Core.Data;
using DistSnn.Core.Models;
using DistSnn.Core.Snn;
using DistSnn.Core.Study;
using DistSnn.Runtime.Protocol;

namespace DistSnn.Runtime.Tests.Actors;

/// <summary>The actor runtime must give the reference engine's trials.csv and chips.csv (every chip counter) byte for byte.</summary>
public class RuntimeMatchesReferenceTests
{
    private static readonly SnnModel Digits = BuiltinModels.Load("digits-mlp", "test");

    private static (string Reference, string Runtime) Both(string yaml, int workers = 2, string[]? sets = null)
    {
        StudySpec spec = StudySpecReader.ReadText(yaml, "test.yaml", null, sets ?? []);
        Dataset data = DataLoader.Load(spec.Data, null, "test.yaml");
        SnnModel model = ModelReference.Resolve(spec.Model, null, "test.yaml");
        var reference = new StudyRunner(spec, model, data, 1).Run();
        var runtime = new ActorStudyExecution(spec, model, data, workers, config: ProtocolConfig.LocalTest).Run();
        Assert.Equal(ResultFiles.FormatChips(spec, reference), ResultFiles.FormatChips(spec, runtime));
        return (ResultFiles.FormatTrials(spec, reference), ResultFiles.FormatTrials(spec, runtime));
    }

    [Fact]
    public void Rate_coding_with_read_noise_faults_adc_and_unaligned_tiles()
    {
        // 24 x 20 tiles: a neuron group's 20 outputs straddle the next layer's 24-row tiles.
        var (reference, runtime) = Both("""
            model: builtin:digits-mlp
            data: { source: digits, limit: 90 }
            timesteps: 10
            batch: 16
            crossbar:
              tile: { rows: 24, cols: 20 }
              mapping: { gmin: 0.5, gmax: 25 }
              device:
                programming: { model: proportional, sigma: 0.1 }
                read: { model: proportional, sigma: 0.2 }
              faults: { stuck_off: 0.05, stuck_on: 0.01 }
              adc: { bits: 5 }
            sweep:
              - { key: crossbar.device.read.sigma, values: [0.0, 0.4] }
            trials: 3
            """);
        Assert.Equal(reference, runtime);
        Assert.Equal(1 + 6, runtime.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Direct_coding_per_device_noise_dac_lif_and_membrane_noise()
    {
        var (reference, runtime) = Both("""
            model: builtin:digits-mlp
            data: { source: digits, limit: 40, offset: 100 }
            timesteps: 6
            batch: 7
            encoder: direct
            neuron: { beta: 0.9, sigma: 0.1, reset: zero }
            crossbar:
              tile: { rows: 32, cols: 32 }
              mapping: { scale: per-tile, levels: 16 }
              device:
                programming: { model: additive, sigma: 0.5 }
                read: { model: proportional, sigma: 0.1, path: device }
              dac: { bits: 4 }
              adc: { bits: 6, range: 3.0 }
            trials: 2
            """, workers: 1);
        Assert.Equal(reference, runtime);
    }

    [Fact]
    public void Pcm_devices_with_drift_accumulated_noise_and_global_compensation()
    {
        // Drift exponents, the time-keyed noise and the compensation scale (folded into the weights without an ADC,
        // after the conversion with one) must come out of the same Core code in both engines.
        var (reference, runtime) = Both("""
            model: builtin:digits-mlp
            data: { source: digits, limit: 60 }
            timesteps: 8
            batch: 16
            crossbar:
              tile: { rows: 32, cols: 32 }
              device:
                preset: pcm
                read: { sigma: 0.05 }
                drift: { compensation: global }
              faults: { stuck_off: 0.02 }
            sweep:
              - { key: time, values: [0, 86400] }
              - { key: crossbar.adc.bits, values: [0, 6] }
            trials: 2
            """);
        Assert.Equal(reference, runtime);
        Assert.Equal(1 + 8, runtime.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Tile_level_faults_with_onsets_exact_counts_clustered_defects_and_ir_drop()
    {
        // Dead tiles, rows and columns, stuck columns and clustered stuck devices; some only from a later step.
        var (reference, runtime) = Both("""
            model: builtin:digits-mlp
            data: { source: digits, limit: 60 }
            timesteps: 8
            batch: 16
            crossbar:
              tile: { rows: 24, cols: 20 }
              device:
                read: { sigma: 0.1 }
              faults:
                dead_tiles: { exact: 2, onset: 3 }
                dead_rows: { probability: 0.05 }
                dead_columns: { exact: 5, onset: 1 }
                stuck_columns: { probability: 0.02, onset: 5 }
                clustered: { mean: 0.03, shape: 0.5, on_fraction: 0.2 }
              ir_drop: { model: analytic, wire_resistance: 2 }
              periphery: { output_noise: 0.01, offset: 0.02 }
            sweep:
              - { key: crossbar.adc.bits, values: [0, 6] }
            trials: 3
            """);
        Assert.Equal(reference, runtime);
    }

    [Fact]
    public void A_heterogeneous_chip_whose_column_groups_mix_tiles_that_defer_their_read_noise_and_tiles_that_convert_it()
    {
        // Layer 0 is a 3 x 4 grid of 24 x 20 tiles: tile 1 converts with an ADC while its group's other tiles leave
        // the group their noise; tile 6 reads its noise per device, tile 7 through the analytic IR drop, tile 9 is rram-hfo2
        // with discrete levels; layer 1's tiles are pcm devices a day old.
        string yaml = """
            model: builtin:digits-mlp
            data: { source: digits, limit: 60 }
            timesteps: 8
            batch: 16
            crossbar:
              tile: { rows: 24, cols: 20 }
              device:
                programming: { sigma: 0.05 }
                read: { sigma: 0.1 }
              overrides:
                - { layer: 0, tiles: [1, 2], set: { crossbar.adc.bits: 5, crossbar.faults.stuck_off: 0.1 } }
                - { layer: 0, tiles: [6], set: { crossbar.device.read.path: device } }
                - { layer: 0, tiles: [7], set: { crossbar.ir_drop.model: analytic, crossbar.ir_drop.wire_resistance: 3 } }
                - { layer: 0, tiles: [9], set: { crossbar.device.preset: rram-hfo2, crossbar.device.rram_hfo2.levels: 10, crossbar.device.rram_hfo2.level_spread: 0.1 } }
                - { layer: 1, set: { crossbar.device.preset: pcm, time: 86400, crossbar.faults.dead_rows.probability: 0.1 } }
            trials: 3
            """;
        var (reference, runtime) = Both(yaml);
        Assert.Equal(reference, runtime);
        var (uniform, _) = Both(yaml, workers: 1, sets: ["crossbar.overrides=[]"]);
        Assert.NotEqual(uniform, reference);
    }
}
