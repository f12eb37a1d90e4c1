using System.Diagnostics;

namespace DistSnn.Cli.Tests;

/// <summary>
/// A cluster mixes machines: the same study must give the same trials.csv, byte for byte, whatever vector
/// instructions the CPU has. Each run is a real process with the runtime's instruction sets turned off in turn.
/// </summary>
public class HardwareIndependenceTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    // Every non-ideality that draws random numbers or takes a vector path: encoder, programming, faults, read noise
    // (per tile, per column group, per device), membrane noise, the ADC, the analytic IR drop and discrete RRAM levels
    // on the tiles two overrides select; odd tile sizes so that edge blocks are partial.
    private const string Spec = """
        name: hardware
        seed: 5
        model: builtin:digits-mlp
        data: { source: digits, limit: 120 }
        timesteps: 12
        batch: 16
        neuron: { sigma: 0.05 }
        crossbar:
          tile: { rows: 40, cols: 27 }
          mapping: { gmin: 0.5, scale: per-tile }
          device: { programming: { sigma: 0.1 }, read: { sigma: 0.1 } }
          faults: { stuck_off: 0.02, stuck_on: 0.01 }
          adc: { bits: 6 }
          overrides:
            - { layer: 0, tiles: [0, 1], set: { crossbar.ir_drop.model: analytic, crossbar.device.read.path: column } }
            - { layer: 1, tiles: [0], set: { crossbar.device.preset: rram-hfo2, crossbar.device.rram_hfo2.levels: 8, crossbar.device.rram_hfo2.level_spread: 0.05 } }
        sweep:
          - { key: crossbar.device.read.path, values: [column, device] }
          - { key: crossbar.adc.bits, values: [6, 0] }     # without an ADC the column group draws the read noise
        trials: 2
        """;

    /// <summary>The settings the issue names, and the one that turns AVX-512 off in .NET 10 (which ignores
    /// DOTNET_EnableAVX512F); with each, the kernels the study header must then report (null: whatever this CPU has).</summary>
    public static TheoryData<string, string?> Settings => new()
    {
        { "DOTNET_EnableAVX512F", null },
        { "DOTNET_EnableAVX512", "Vector256" },
        { "DOTNET_EnableAVX2", "scalar" },
        { "DOTNET_EnableHWIntrinsic", "scalar" },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Trials_are_the_same_with_vector_instructions_off(string variable, string? kernel)
    {
        string spec = _dir.File("hardware.yaml", Spec);
        string baseline = Run(spec, "all", null, out _);
        string restricted = Run(spec, variable, variable, out string header);
        Assert.Equal(File.ReadAllBytes(baseline), File.ReadAllBytes(restricted));
        Assert.True(File.ReadAllLines(baseline).Length == 1 + 4 * 2, "a header and eight trials");
        // The setting took effect: the restricted process ran the kernels it should have.
        if (kernel is not null) Assert.Contains($"tile step {kernel}, random numbers {kernel}", header);
    }

    /// <summary>Runs the study in its own process, with one environment variable at 0; returns its trials.csv.</summary>
    private string Run(string spec, string name, string? variable, out string header)
    {
        string outDir = _dir.Combine(name);
        ProcessStartInfo start = DistsnnProcess.StartInfo("study", spec, "--out", outDir, "--overwrite");
        if (variable is not null) start.Environment[variable] = "0";
        using Process process = Process.Start(start)!;
        Task<string> errors = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), "the study must finish");
        header = errors.Result;
        Assert.True(process.ExitCode == 0, $"{name}: exit {process.ExitCode}: {header}");
        Assert.Contains("kernel: tile step", header);
        return Path.Combine(outDir, "trials.csv");
    }
}
