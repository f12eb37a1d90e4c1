using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.Event;
using DistSnn.Core;
using DistSnn.Runtime.Cluster;

namespace DistSnn.Runtime.Tests.Cluster;

/// <summary>
/// TLS with one self-signed certificate pinned by thumbprint: loading it from the configuration (bad certificates are
/// bad input), the seed's address scheme, and nodes in this process that do or do not share the certificate.
/// </summary>
public class ClusterTlsTests : IDisposable
{
    private const string Password = "pw";
    private readonly string _dir = Directory.CreateTempSubdirectory("distsnn-tls-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A self-signed certificate (with its key unless told) in a PKCS#12 file; returns the file.</summary>
    private string Pfx(string name, bool withKey = true)
    {
        using var key = RSA.Create(2048);
        using X509Certificate2 certificate = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        string path = Path.Combine(_dir, name + ".pfx");
        using X509Certificate2 exported = withKey ? certificate : X509CertificateLoader.LoadCertificate(certificate.RawData);
        File.WriteAllBytes(path, exported.Export(X509ContentType.Pkcs12, Password));
        return path;
    }

    private static Config TlsConfig(string path, string password = Password) => ConfigurationFactory.ParseString($$"""
        akka.remote.dot-netty.tcp {
          enable-ssl = on
          ssl.certificate { path = "{{path}}", password = "{{password}}" }
        }
        """);

    [Fact]
    public void Without_enable_ssl_there_is_no_tls()
    {
        Assert.Null(ClusterTls.FromConfig(RuntimeConfig.Cluster(new ClusterNodeSettings(ClusterRole.Coordinator)), "tls.hocon"));
        Assert.Null(ClusterTls.FromConfig(ConfigurationFactory.ParseString("akka.remote.dot-netty.tcp.ssl.certificate.path = \"/none.pfx\""), "tls.hocon"));
    }

    [Fact]
    public void The_certificate_named_in_the_config_is_loaded_with_its_key_and_only_it_is_accepted()
    {
        string pfx = Pfx("cluster");
        ClusterTls tls = ClusterTls.FromConfig(TlsConfig(pfx), "tls.hocon")!;
        Assert.True(tls.Certificate.HasPrivateKey);
        using X509Certificate2 other = X509CertificateLoader.LoadPkcs12FromFile(Pfx("other"), Password);
        using X509Certificate2 same = X509CertificateLoader.LoadCertificate(tls.Certificate.RawData);

        var setup = tls.SslSetup();
        Assert.True(setup.RequireMutualAuthentication);
        Assert.False(setup.ValidateCertificateHostname);
        Assert.False(setup.SuppressValidation);
        // A self-signed peer certificate always fails the chain check: the pin alone decides.
        const SslPolicyErrors untrusted = SslPolicyErrors.RemoteCertificateChainErrors;
        Assert.True(setup.CustomValidator!(same, null, "peer", untrusted, NoLogger.Instance));
        Assert.False(setup.CustomValidator!(other, null, "peer", untrusted, NoLogger.Instance));
        Assert.False(setup.CustomValidator!(null, null, "peer", SslPolicyErrors.RemoteCertificateNotAvailable, NoLogger.Instance));
    }

    [Theory]
    [InlineData("missing", "not found")]
    [InlineData("empty-path", "PKCS#12")]
    [InlineData("wrong-password", "password")]
    [InlineData("not-pkcs12", "PKCS#12")]
    [InlineData("no-key", "no private key")]
    public void A_bad_certificate_is_bad_input_naming_the_file_and_key(string problem, string expected)
    {
        Config config = problem switch
        {
            "missing" => TlsConfig(Path.Combine(_dir, "none.pfx")),
            "empty-path" => TlsConfig(""),
            "wrong-password" => TlsConfig(Pfx("cluster"), "not-the-password"),
            "not-pkcs12" => TlsConfig(WriteText("cluster.pfx", "-----BEGIN CERTIFICATE-----")),
            _ => TlsConfig(Pfx("cluster", withKey: false)),
        };
        var e = Assert.Throws<InputException>(() => ClusterTls.FromConfig(config, "tls.hocon"));
        Assert.Equal("tls.hocon", e.Origin);
        Assert.Equal(ClusterTls.PathKey, e.Field);
        Assert.Contains(expected, e.Expectation);
    }

    private string WriteText(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void With_tls_the_seed_is_an_akka_ssl_tcp_address()
    {
        var worker = new ClusterNodeSettings(ClusterRole.Worker, Seed: "10.0.0.5:4053");
        Assert.Equal(["akka.ssl.tcp://distsnn@10.0.0.5:4053"], RuntimeConfig.Cluster(worker, TlsConfig("x.pfx")).GetStringList("akka.cluster.seed-nodes"));
        Assert.Equal(["akka.tcp://distsnn@10.0.0.5:4053"], RuntimeConfig.Cluster(worker).GetStringList("akka.cluster.seed-nodes"));
    }

    [Fact]
    public void A_node_with_enable_ssl_but_without_its_tls_is_refused()
    {
        Config config = RuntimeConfig.Cluster(new ClusterNodeSettings(ClusterRole.Coordinator), TlsConfig(Pfx("cluster")));
        Assert.Throws<ArgumentException>(() => ClusterNodeSystem.Create(config, null));
    }

    private static async Task<bool> Up(ActorSystem system, int members, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Akka.Cluster.Cluster.Get(system).State.Members.Count(m => m.Status == MemberStatus.Up) < members)
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(50);
        }
        return true;
    }

    [Fact]
    public async Task Nodes_with_the_same_certificate_form_a_cluster_and_a_node_with_another_is_stopped_by_akka()
    {
        Config shared = TlsConfig(Pfx("cluster"));
        Config foreign = TlsConfig(Pfx("other"));
        var coordinatorNode = new ClusterNodeSettings(ClusterRole.Coordinator);
        Config coordinatorConfig = RuntimeConfig.Cluster(coordinatorNode, shared);
        using ActorSystem coordinator = ClusterNodeSystem.Create(coordinatorConfig, ClusterTls.FromConfig(coordinatorConfig, "tls.hocon"));
        Address address = Akka.Cluster.Cluster.Get(coordinator).SelfAddress;
        Assert.Equal("akka.ssl.tcp", address.Protocol);
        Akka.Cluster.Cluster.Get(coordinator).Join(address);

        ActorSystem Worker(Config tls)
        {
            Config config = RuntimeConfig.Cluster(new ClusterNodeSettings(ClusterRole.Worker, Seed: $"127.0.0.1:{address.Port}"), tls);
            return ClusterNodeSystem.Create(config, ClusterTls.FromConfig(config, "tls.hocon"));
        }

        using ActorSystem member = Worker(shared);
        using ActorSystem intruder = Worker(foreign);
        try
        {
            Assert.True(await Up(coordinator, 2, TimeSpan.FromSeconds(20)), "the worker with the cluster's certificate did not join");
            // The intruder's outbound handshake fails on the pin; Akka then stops its whole actor system.
            await intruder.WhenTerminated.WaitAsync(TimeSpan.FromSeconds(20));
            Assert.True(ClusterTls.StoppedByHandshakeFailure(intruder));
            Assert.False(ClusterTls.StoppedByHandshakeFailure(coordinator));
            Assert.Equal(2, Akka.Cluster.Cluster.Get(coordinator).State.Members.Count);
        }
        finally
        {
            await Akka.Cluster.Cluster.Get(member).LeaveAsync().WaitAsync(TimeSpan.FromSeconds(10));
            await Task.WhenAll(member.Terminate(), intruder.Terminate(), coordinator.Terminate()).WaitAsync(TimeSpan.FromSeconds(10));
        }
    }
}
