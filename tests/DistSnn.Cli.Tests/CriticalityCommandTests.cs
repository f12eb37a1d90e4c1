namespace DistSnn.Cli.Tests;

/// <summary><c>distsnn criticality</c>: its table, its heat maps and its bad input.</summary>
public sealed class CriticalityCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private const string Spec = """
        model: builtin:digits-mlp
        data: { source: digits, limit: 60 }
        timesteps: 6
        crossbar:
          tile: { rows: 32, cols: 32 }
          device: { programming: { sigma: 0.05 } }
        trials: 3
        """;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void It_writes_one_row_per_tile_and_a_heat_map_per_layer()
    {
        string out_ = _dir.Combine("crit");
        CliRun run = CliRun.Of("criticality", _dir.File("spec.yaml", Spec), "--out", out_, "--local-workers", "2", "--quiet");

        Assert.Equal(0, run.ExitCode);
        string[] lines = File.ReadAllLines(Path.Combine(out_, "criticality.csv"));
        Assert.Equal("layer,tile,tile_row,tile_col,chips,loss_mean,loss_ci95_low,loss_ci95_high", lines[0]);
        // digits-mlp 64-64-10 on 32 x 32 tiles: 2 x 2 tiles, then 2 x 1.
        Assert.Equal(1 + 6, lines.Length);
        Assert.Equal(["0,0,0,0", "0,1,0,1", "0,2,1,0", "0,3,1,1", "1,0,0,0", "1,1,1,0"], lines.Skip(1).Select(l => string.Join(",", l.Split(',')[..4])));
        Assert.All(lines.Skip(1), l => Assert.Equal("3", l.Split(',')[4]));
        foreach (string png in new[] { "criticality-layer-0.png", "criticality-layer-1.png" })
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(out_, png));
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
            Assert.True(File.Exists(Path.Combine(out_, Path.ChangeExtension(png, ".svg"))));
        }
        Assert.Contains("layer 1 tile 0", run.Stdout);
    }

    [Theory]
    [InlineData("--point", "3", "--point")]
    [InlineData("--local-workers", "0", "--local-workers")]
    public void Bad_options_are_one_error_line_and_exit_code_2(string option, string value, string named)
    {
        CliRun run = CliRun.Of("criticality", _dir.File("spec.yaml", Spec), "--out", _dir.Combine("c"), option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.StderrLines);
        Assert.StartsWith("error:", run.StderrLines[0]);
        Assert.Contains(named, run.StderrLines[0]);
    }
}
