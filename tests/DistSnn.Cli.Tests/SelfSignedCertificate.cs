using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DistSnn.Cli.Tests;

/// <summary>
/// A cluster certificate as a researcher makes one (cluster-config/tls.hocon): self-signed, with its private key,
/// in a password-protected PKCS#12 file. Trusted by nobody's OS store, so only pinning lets nodes accept it.
/// </summary>
public static class SelfSignedCertificate
{
    /// <summary>Writes a fresh certificate to <paramref name="path"/>; returns its thumbprint (SHA-1, hex).</summary>
    public static string WritePkcs12(string path, string password, string subject = "CN=distsnn-test-cluster")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return certificate.Thumbprint;
    }

    /// <summary>A <c>--config</c> file body that turns TLS on with the certificate at <paramref name="path"/>.</summary>
    public static string TlsConfig(string path, string password) => $$"""
        akka.remote.dot-netty.tcp {
          enable-ssl = on
          ssl.certificate { path = "{{path}}", password = "{{password}}" }
        }
        """;
}
