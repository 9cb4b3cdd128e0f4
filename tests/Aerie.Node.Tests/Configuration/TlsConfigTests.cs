using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Aerie.Node.Configuration;

namespace Aerie.Node.Tests.Configuration;

public sealed class TlsConfigTests : IDisposable
{
    private const string Secret = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private readonly string folder = Path.Combine(Path.GetTempPath(), "aerie-tls-tests", Guid.NewGuid().ToString("N"));

    private string Yaml(string cert, string key, int port = 8443) => $"""
        token: {Secret}
        api:
          host: 127.0.0.1
          port: {port}
          ssl: {"{"} enabled: true, cert: "{cert}", key: "{key}" {"}"}
        system: {"{"} data: {Path.Combine(folder, "data")} {"}"}
        """;

    [Fact]
    public void Parse_TlsWithMissingKeyFile_ErrorNamesKey()
    {
        var pem = SelfSignedPem.Write(folder);
        var missing = Path.Combine(folder, "nope.pem");
        var error = Assert.Throws<NodeConfigException>(() => NodeConfigLoader.Parse(Yaml(pem.Cert, missing), "config.yml"));
        Assert.StartsWith($"config.yml: api.ssl.key: cannot read {missing}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TlsWithGarbageCertificate_ErrorNamesKey()
    {
        var pem = SelfSignedPem.Write(folder);
        File.WriteAllText(pem.Cert, "not a certificate\n");
        var error = Assert.Throws<NodeConfigException>(() => NodeConfigLoader.Parse(Yaml(pem.Cert, pem.Key), "config.yml"));
        Assert.StartsWith($"config.yml: api.ssl.cert: cannot load the certificate {pem.Cert}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TlsWithAnotherCertificatesKey_Refused()
    {
        var pem = SelfSignedPem.Write(folder);
        var other = SelfSignedPem.Write(Path.Combine(folder, "other"));
        var error = Assert.Throws<NodeConfigException>(() => NodeConfigLoader.Parse(Yaml(pem.Cert, other.Key), "config.yml"));
        Assert.StartsWith("config.yml: api.ssl.cert: cannot load", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadedTlsConfig_Starts_ServesHttps()
    {
        var pem = SelfSignedPem.Write(folder);
        var port = FreePort();
        var loaded = NodeConfigLoader.Parse(Yaml(pem.Cert, pem.Key, port), "config.yml");
        await using var app = NodeHost.Build(loaded.Config);
        await app.StartAsync();
        using var client = pem.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"https://127.0.0.1:{port}/api/system");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await app.StopAsync();
    }

    internal static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
