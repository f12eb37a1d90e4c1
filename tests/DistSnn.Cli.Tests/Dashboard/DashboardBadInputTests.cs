using System.Net;
using System.Net.Sockets;

namespace DistSnn.Cli.Tests.Dashboard;

/// <summary>Bad <c>--dashboard</c> input: exit 2, one <c>error:</c> line, and the output directory left untouched.</summary>
public sealed class DashboardBadInputTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private const string Spec = """
        name: dash-bad
        model: builtin:digits-mlp
        data: { source: digits, limit: 20 }
        trials: 2
        """;

    private void AssertBadInput(CliRun run, params string[] mentions)
    {
        Assert.Equal(2, run.ExitCode);
        string[] lines = run.StderrLines;
        Assert.True(lines.Length == 1, run.Stderr);
        Assert.StartsWith("error: ", lines[0]);
        foreach (string m in mentions) Assert.Contains(m, lines[0]);
        Assert.False(Directory.Exists(_dir.Combine("out")), "bad input wrote an output directory");
    }

    private CliRun Study(params string[] args) => CliRun.Of(["study", _dir.File("spec.yaml", Spec), "--out", _dir.Combine("out"), "--quiet", .. args]);

    [Theory]
    [InlineData("65536")]
    [InlineData("-1")]
    public void A_port_out_of_range(string port) => AssertBadInput(Study("--dashboard", port), "--dashboard", "0..65535", port);

    [Fact]
    public void A_port_in_use()
    {
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            int port = ((IPEndPoint)taken.LocalEndpoint).Port;
            AssertBadInput(Study("--dashboard", port.ToString()), "--dashboard", $"port {port}", "in use");
        }
        finally
        {
            taken.Stop();
        }
    }

    [Fact]
    public void A_host_that_is_no_address() => AssertBadInput(Study("--dashboard", "0", "--dashboard-host", "no-such-host.invalid"), "--dashboard-host", "no-such-host.invalid");

    [Fact]
    public void A_dashboard_host_without_the_dashboard() => AssertBadInput(Study("--dashboard-host", "127.0.0.1"), "--dashboard-host", "add --dashboard");

    [Fact]
    public void A_word_after_a_bare_dashboard_is_refused_saying_where_the_spec_goes() =>
        AssertBadInput(CliRun.Of("study", "--dashboard", "spec.yaml", "--out", _dir.Combine("out")), "--dashboard", "'spec.yaml'", "study SPEC --dashboard");
}
