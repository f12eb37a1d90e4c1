using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Xunit.Abstractions;

namespace DistSnn.Cli.Tests;

/// <summary>
/// Real processes on loopback with cluster-config/tls.hocon's recipe: one self-signed certificate shared by every
/// node. Nodes that hold it run the study over TLS; a node without it, or with another certificate, never joins.
/// </summary>
public class TlsClusterTests(ITestOutputHelper log) : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private const string Password = "test-password";
    private const string Spec = ClusterProcesses.ShortStudy;

    private readonly TempDirectory _dir = new();
    private readonly ClusterProcesses _cluster = new();

    public void Dispose()
    {
        _cluster.Dispose();
        _dir.Dispose();
    }

    /// <summary>A certificate in its own PKCS#12 file and a --config file that turns TLS on with it.</summary>
    private (string Config, string Thumbprint, string Pfx) Certificate(string name)
    {
        string pfx = _dir.Combine(name + ".pfx");
        string thumbprint = SelfSignedCertificate.WritePkcs12(pfx, Password, $"CN=distsnn-{name}");
        return (_dir.File(name + ".hocon", SelfSignedCertificate.TlsConfig(pfx, Password)), thumbprint, pfx);
    }

    private Process Coordinator(string spec, string outDir, int port, string config) =>
        _cluster.StartCoordinator(_dir.Combine("cache-c"), spec, outDir, port, "--local-workers", "0", "--min-workers", "1", "--config", config);

    private Process Worker(int port, params string[] config) => _cluster.StartWorker(_dir.Combine("cache-1"), port, config);

    /// <summary>
    /// Waits until the coordinator's port completes a TLS handshake (this probe presents the cluster certificate, as a
    /// node would); returns the thumbprint of the certificate the coordinator presented, or null when the time is up.
    /// </summary>
    private static string? PresentedThumbprint(int port, string pfx, TimeSpan timeout)
    {
        using X509Certificate2 own = X509CertificateLoader.LoadPkcs12FromFile(pfx, Password);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect("127.0.0.1", port);
                string? presented = null;
                using var tls = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
                tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = "127.0.0.1",
                    ClientCertificates = [own],
                    // Capture, not judge: the assertion compares the thumbprint.
                    RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                    {
                        presented = certificate is null ? null : new X509Certificate2(certificate).Thumbprint;
                        return true;
                    },
                }).Wait(TimeSpan.FromSeconds(5));
                return presented;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }
        return null;
    }

    private void Show(string name, Process process) => log.WriteLine($"--- {name}:\n{_cluster.Output(process)}");

    [Fact]
    public void Nodes_sharing_one_self_signed_certificate_run_the_study_over_tls()
    {
        string spec = _dir.File("tls.yaml", Spec);
        byte[] expected = ClusterProcesses.SingleProcessTrials(spec, _dir.Combine("single"));
        var (config, thumbprint, pfx) = Certificate("cluster");
        string distributed = _dir.Combine("distributed");

        int port = ClusterProcesses.FreePort();
        Process coordinator = Coordinator(spec, distributed, port, config);
        // The port speaks TLS and presents the cluster's certificate.
        Assert.Equal(thumbprint, PresentedThumbprint(port, pfx, Patience));
        Process worker = Worker(port, "--config", config);

        bool finished = coordinator.WaitForExit((int)TimeSpan.FromSeconds(60).TotalMilliseconds);
        Show("coordinator", coordinator);
        Show("worker", worker);
        Assert.True(finished, "the TLS study did not finish in 60 s");
        Assert.Equal(0, coordinator.ExitCode);
        Assert.Equal(expected, File.ReadAllBytes(Path.Combine(distributed, "trials.csv")));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("other-certificate")]
    public void A_worker_without_the_cluster_certificate_never_joins(string worker)
    {
        string spec = _dir.File("tls.yaml", Spec);
        var (config, thumbprint, pfx) = Certificate("cluster");
        string distributed = _dir.Combine("distributed");

        int port = ClusterProcesses.FreePort();
        Process coordinator = Coordinator(spec, distributed, port, config);
        Assert.Equal(thumbprint, PresentedThumbprint(port, pfx, Patience));
        Process intruder = worker == "plain" ? Worker(port) : Worker(port, "--config", Certificate("other").Config);

        // Long enough for several join attempts (seed-node-timeout 2 s, retry gate 1 s).
        Thread.Sleep(TimeSpan.FromSeconds(10));
        Show("coordinator", coordinator);
        Show("worker", intruder);
        Assert.False(coordinator.HasExited, "the coordinator stopped:\n" + _cluster.Output(coordinator));
        Assert.Equal(0, ResumeTests.StoredTrials(Path.Combine(distributed, "results.db")));
        // The logs say why.
        if (worker == "plain")
        {
            Assert.Contains("not an SSL/TLS record", ClusterProcesses.ReadLog(ClusterProcesses.StudyLog(distributed)));
        }
        else
        {
            // Akka's error is in the worker's log file; its terminal says that the handshake failed and where to look.
            Assert.Contains($"Certificate pinning failed for ssl.tcp://distsnn@127.0.0.1:{port}", ClusterProcesses.ReadLog(ClusterProcesses.WorkerLog(_dir.Combine("cache-1"))));
            Assert.Contains($"the TLS handshake with 127.0.0.1:{port} failed", _cluster.Output(intruder));
            Assert.False(intruder.HasExited, "the worker gave up instead of trying again");
        }
    }
}
