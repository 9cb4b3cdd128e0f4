using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Aerie.Node.Configuration;

/// <summary>Loads <c>api.ssl.cert</c> and <c>api.ssl.key</c> (PEM); a failure names the key it comes from.</summary>
internal static class TlsFiles
{
    public static X509Certificate2 Load(SslConfig ssl)
    {
        CheckReadable(ssl.Cert, "api.ssl.cert", "certificate");
        CheckReadable(ssl.Key, "api.ssl.key", "private key");
        try
        {
            return X509Certificate2.CreateFromPemFile(ssl.Cert, ssl.Key);
        }
        // A key of another certificate comes back as ArgumentException, bad PEM as CryptographicException.
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new NodeConfigException($"api.ssl.cert: cannot load the certificate {ssl.Cert} with the key {ssl.Key} (api.ssl.key): {e.Message}", e);
        }
    }

    private static void CheckReadable(string path, string key, string what)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new NodeConfigException($"{key}: is required when api.ssl.enabled is true (the {what} file, PEM)");
        }
        try
        {
            using var stream = File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NodeConfigException($"{key}: cannot read {path}: {e.Message}", e);
        }
    }
}
