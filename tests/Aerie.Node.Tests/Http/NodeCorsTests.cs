using System.Net;
using Aerie.Node.Configuration;
using Aerie.Node.Http;

namespace Aerie.Node.Tests.Http;

/// <summary>CORS on every node route (spec 06 §6).</summary>
public sealed class NodeCorsTests
{
    [Fact]
    public async Task Preflight_AnyRoute_204WithTheSpecHeaders()
    {
        await using var node = await TestNode.StartAsync();
        using var client = new HttpClient { BaseAddress = node.BaseUri };
        foreach (var path in new[] { "/upload/file?token=x", "/download/file", $"/api/servers/{node.ServerUuid}/files/list-directory" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Options, path);
            request.Headers.Add("Origin", "http://panel.test");
            request.Headers.Add("Access-Control-Request-Method", "POST");
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            Assert.Equal("http://panel.test", Header(response, "Access-Control-Allow-Origin"));
            Assert.Equal("true", Header(response, "Access-Control-Allow-Credentials"));
            Assert.Equal("GET, POST, PATCH, PUT, DELETE, OPTIONS", Header(response, "Access-Control-Allow-Methods"));
            Assert.Equal("Accept, Accept-Encoding, Authorization, Cache-Control, Content-Type, Content-Length, Origin, X-Real-IP, X-CSRF-Token",
                Header(response, "Access-Control-Allow-Headers"));
            Assert.Equal("7200", Header(response, "Access-Control-Max-Age"));
        }
    }

    [Fact]
    public async Task Cors_OnOrdinaryAnswers_AndOnAuthFailures()
    {
        await using var node = await TestNode.StartAsync();
        using var client = new HttpClient { BaseAddress = node.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/system");
        request.Headers.Add("Origin", "http://panel.test");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("http://panel.test", Header(response, "Access-Control-Allow-Origin"));
        Assert.Equal("true", Header(response, "Access-Control-Allow-Credentials"));
    }

    [Fact]
    public void AllowedOrigin_PanelOrListed_ElseThePanelUrl()
    {
        var config = new NodeConfig { Remote = "https://panel.example.com/base/", AllowedOrigins = ["https://Other.example.com:8443"] };
        Assert.Equal("https://panel.example.com", NodeCors.AllowedOrigin("https://panel.example.com", config));
        Assert.Equal("https://other.example.com:8443", NodeCors.AllowedOrigin("https://other.example.com:8443", config));
        Assert.Equal("https://panel.example.com", NodeCors.AllowedOrigin("https://evil.example.net", config));
        Assert.Equal("https://panel.example.com", NodeCors.AllowedOrigin("", config));
        config.AllowedOrigins = ["*"];
        Assert.Equal("https://evil.example.net", NodeCors.AllowedOrigin("https://evil.example.net", config));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;
}
