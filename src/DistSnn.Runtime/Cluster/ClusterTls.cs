using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Akka.Actor;
using Akka.Configuration;
using Akka.Remote.Transport.DotNetty;
using DistSnn.Core;

namespace DistSnn.Runtime.Cluster;

/// <summary>
/// TLS on a cluster's links with one certificate shared by every node, typically self-signed
/// (cluster-config/tls.hocon). Akka's HOCON-only route checks a peer's certificate chain against the OS trust
/// store, which a self-signed certificate fails ("UntrustedRoot"), so the nodes could never connect. Instead the
/// program loads the certificate named in the configuration itself and accepts from peers exactly that
/// certificate, pinned by thumbprint: both sides present it (mutual authentication), and host names are not
/// checked because one certificate serves every host.
/// </summary>
public sealed class ClusterTls
{
    public const string EnableKey = "akka.remote.dot-netty.tcp.enable-ssl";
    public const string PathKey = "akka.remote.dot-netty.tcp.ssl.certificate.path";
    public const string PasswordKey = "akka.remote.dot-netty.tcp.ssl.certificate.password";

    private ClusterTls(X509Certificate2 certificate) => Certificate = certificate;

    /// <summary>This node's certificate with its private key: what it presents, and all it accepts from peers.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>SHA-1 thumbprint (hex), the pin: what <c>openssl x509 -fingerprint -sha1</c> prints, without colons.</summary>
    public string Thumbprint => Certificate.Thumbprint;

    /// <summary>Whether <paramref name="config"/> (a node's effective configuration) turns TLS on.</summary>
    public static bool IsEnabled(Config config) => config.GetBoolean(EnableKey, false);

    /// <summary>
    /// The TLS of a node whose effective configuration is <paramref name="config"/>: null when TLS is off, else its
    /// certificate loaded from <see cref="PathKey"/> with <see cref="PasswordKey"/>. A missing, unreadable or
    /// key-less certificate is bad input from <paramref name="origin"/> (the --config file), caught before the node starts.
    /// </summary>
    public static ClusterTls? FromConfig(Config config, string origin)
    {
        if (!IsEnabled(config)) return null;
        string path = config.GetString(PathKey, "");
        if (string.IsNullOrWhiteSpace(path))
            throw new InputException(origin, PathKey, "expected the PKCS#12 file (.pfx/.p12) with the cluster's certificate and key: enable-ssl is on");
        // Relative to the working directory, as Akka itself reads this key.
        string file = Path.GetFullPath(path);
        if (!File.Exists(file))
            throw new InputException(origin, PathKey, $"certificate file not found: {file} (copy the cluster's PKCS#12 file to every node)");
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(file, config.GetString(PasswordKey, ""));
        }
        catch (CryptographicException e)
        {
            throw new InputException(origin, PathKey,
                $"cannot read {file} as PKCS#12 with the password in {PasswordKey} (wrong password, or not a .pfx/.p12 file): {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException(origin, PathKey, $"cannot read {file}: {e.Message}");
        }
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InputException(origin, PathKey, $"{file} holds no private key: export the certificate together with its key");
        }
        return new ClusterTls(certificate);
    }

    /// <summary>
    /// Whether Akka stopped <paramref name="system"/> because an outbound TLS handshake failed: since Akka.NET 1.5.50 a
    /// node whose handshake as the connecting side fails (wrong certificate, connection dropped mid-handshake) runs
    /// CoordinatedShutdown with the internal TlsHandshakeFailureReason, exit code 79.
    /// </summary>
    public static bool StoppedByHandshakeFailure(ActorSystem system) =>
        CoordinatedShutdown.Get(system).ShutdownReason?.ExitCode == HandshakeFailureExitCode;

    private const int HandshakeFailureExitCode = 79;

    /// <summary>
    /// Akka's programmatic TLS settings, which take precedence over the HOCON <c>ssl</c> section: this certificate,
    /// mutual authentication, no host-name check, and a validator that accepts only this certificate's thumbprint
    /// (it replaces the chain check that a self-signed certificate fails).
    /// </summary>
    public DotNettySslSetup SslSetup() => new(Certificate, suppressValidation: false, requireMutualAuthentication: true,
        validateCertificateHostname: false, CertificateValidation.PinnedCertificate(Thumbprint));
}
