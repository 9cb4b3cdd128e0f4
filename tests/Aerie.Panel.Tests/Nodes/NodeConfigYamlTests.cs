using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Aerie.Node;
using Aerie.Node.Configuration;
using Aerie.Panel.Data;
using Aerie.Panel.Nodes;
using Aerie.Panel.Tests.Infrastructure;

namespace Aerie.Panel.Tests.Nodes;

/// <summary>The config the panel prints for a node is one the node loads and runs, https included.</summary>
public sealed class NodeConfigYamlTests : IDisposable
{
    private const string Secret = "node-secret-0123456789abcdef0123456789abcdef0123456789abcdef0123";
    private readonly string folder = Path.Combine(Path.GetTempPath(), "aerie-node-config-tests", Guid.NewGuid().ToString("N"));

    public NodeConfigYamlTests() => Directory.CreateDirectory(folder);

    private static PanelNode Node(string internalUrl, string publicScheme, string publicHost, int publicPort) => new()
    {
        Name = "node-1",
        InternalUrl = internalUrl,
        PublicScheme = publicScheme,
        PublicHost = publicHost,
        PublicPort = publicPort,
        TokenId = "abcdefghijklmnop",
        TokenSecretProtected = "",
    };

    [Fact]
    public async Task Render_HttpsNodeWithCertPaths_NodeStartsAndServesHttps()
    {
        var port = FreePort.Next();
        var (cert, key, thumbprint) = WriteSelfSigned();
        var node = Node($"https://127.0.0.1:{port}", "https", "localhost", port);
        var path = Path.Combine(folder, "config.yml");
        await File.WriteAllTextAsync(path, NodeConfigYaml.Render(node, Secret, "http://127.0.0.1:9", cert, key));

        var loaded = NodeConfigLoader.LoadFile(path, dataOverride: Path.Combine(folder, "data"));
        Assert.Empty(loaded.Warnings);
        Assert.True(loaded.Config.Api.Ssl.Enabled);
        await using var app = NodeHost.Build(loaded.Config);
        await app.StartAsync();

        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == thumbprint };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(20) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"https://127.0.0.1:{port}/api/system");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await app.StopAsync();
    }

    [Fact]
    public async Task Render_HttpsNodeWithoutCertPaths_PointsAtCertbotFilesAndLoadNamesTheKey()
    {
        var node = Node("https://node.example.com:8443", "https", "node.example.com", 8443);
        var yaml = NodeConfigYaml.Render(node, Secret, "https://panel.example.com");
        Assert.Contains("cert: /etc/letsencrypt/live/node.example.com/fullchain.pem\n", yaml, StringComparison.Ordinal);
        Assert.Contains("key: /etc/letsencrypt/live/node.example.com/privkey.pem\n", yaml, StringComparison.Ordinal);
        var path = Path.Combine(folder, "config.yml");
        await File.WriteAllTextAsync(path, yaml);
        var error = Assert.Throws<NodeConfigException>(() => NodeConfigLoader.LoadFile(path));
        Assert.StartsWith($"{path}: api.ssl.cert: cannot read /etc/letsencrypt/live/node.example.com/fullchain.pem: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://10.0.0.5:8080", "http")]
    [InlineData("https://node.example.com:8443", "https")]
    public void Render_ThenLoad_SameValuesAsTheModel(string internalUrl, string scheme)
    {
        var node = Node(internalUrl, scheme, "node.example.com", 443);
        var built = NodeConfigYaml.Build(node, Secret, "https://panel.example.com/", "/tls/c.pem", "/tls/k.pem");
        var yaml = NodeConfigYaml.Render(node, Secret, "https://panel.example.com/", "/tls/c.pem", "/tls/k.pem");

        // Parsed without the file checks a real start does, so the https case compares values too.
        built.Api.Ssl.Enabled = false;
        var loaded = NodeConfigLoader.Parse(yaml.Replace("enabled: true", "enabled: false", StringComparison.Ordinal), "printed.yml");

        Assert.Equal(JsonSerializer.Serialize(built), JsonSerializer.Serialize(loaded.Config));
        Assert.Equal(node.Uuid.ToString(), loaded.Config.Uuid);
        Assert.Equal("https://panel.example.com", loaded.Config.Remote);
        Assert.Equal(new Uri(internalUrl).Port, loaded.Config.Api.Port);
        Assert.Equal(scheme == "https" ? "/tls/c.pem" : "", loaded.Config.Api.Ssl.Cert);
        // The node's defaults, not a copy: an untouched section prints as the model's defaults.
        Assert.Equal(JsonSerializer.Serialize(new WebsocketConfig()), JsonSerializer.Serialize(loaded.Config.Websocket));
    }

    private (string Cert, string Key, string Thumbprint) WriteSelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certPath = Path.Combine(folder, "fullchain.pem");
        var keyPath = Path.Combine(folder, "privkey.pem");
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certPath, keyPath, certificate.Thumbprint);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
