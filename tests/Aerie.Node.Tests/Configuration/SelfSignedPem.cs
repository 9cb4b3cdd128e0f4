using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Aerie.Node.Tests.Configuration;

/// <summary>A fresh self-signed certificate for 127.0.0.1 / localhost, written as the PEM files <c>api.ssl</c> names.</summary>
internal sealed record SelfSignedPem(string Cert, string Key, string Thumbprint)
{
    public static SelfSignedPem Write(string folder)
    {
        Directory.CreateDirectory(folder);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var pem = new SelfSignedPem(Path.Combine(folder, "fullchain.pem"), Path.Combine(folder, "privkey.pem"), certificate.Thumbprint);
        File.WriteAllText(pem.Cert, certificate.ExportCertificatePem());
        File.WriteAllText(pem.Key, key.ExportPkcs8PrivateKeyPem());
        return pem;
    }

    /// <summary>A client that trusts exactly this certificate (not any certificate).</summary>
    public HttpClient Client()
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == Thumbprint,
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(20) };
    }
}
