using Aerie.Panel.Tests.Infrastructure;
using Aerie.Panel.Web;

namespace Aerie.Panel.Tests.Web;

/// <summary>
/// The web UI's <c>connect-src</c> names the panel and the configured nodes' public origins (their sockets and
/// signed upload URLs), never a whole scheme: an arbitrary origin is not allowed.
/// </summary>
public abstract class ContentSecurityPolicyTests(PanelFixture fixture)
{
    [Fact]
    public async Task ConnectSrc_NamesEachNodesOrigins_AndNoOtherOrigin()
    {
        var host = PanelFixture.Unique("csp") + ".example.com";
        await fixture.CreateNodeAsync("http://127.0.0.1:9", "https", host, 8443);
        var plain = PanelFixture.Unique("plain") + ".example.net";
        await fixture.CreateNodeAsync("http://127.0.0.1:9", "http", plain, 8080);

        var sources = await ConnectSrcAsync("/login");

        Assert.Equal("'self'", sources[0]);
        Assert.Contains($"https://{host}:8443", sources);
        Assert.Contains($"wss://{host}:8443", sources);
        Assert.Contains($"http://{plain}:8080", sources);
        Assert.Contains($"ws://{plain}:8080", sources);
        Assert.DoesNotContain($"http://{host}:8443", sources);
        foreach (var broad in new[] { "http:", "https:", "ws:", "wss:", "*" })
        {
            Assert.DoesNotContain(broad, sources);
        }
        Assert.DoesNotContain(sources, s => s.Contains("evil.example.org", StringComparison.Ordinal));
        Assert.All(sources.Skip(1), s => Assert.Matches("^(https?|wss?)://[^ ;,]+:[0-9]+$", s));
    }

    [Fact]
    public async Task ConnectSrc_ANodeAddedLater_IsAllowedOnTheNextPageLoad()
    {
        var host = PanelFixture.Unique("later") + ".example.com";
        Assert.DoesNotContain($"https://{host}:8080", await ConnectSrcAsync("/"));
        await fixture.CreateNodeAsync("http://127.0.0.1:9", "https", host, 8080);
        Assert.Contains($"https://{host}:8080", await ConnectSrcAsync("/server/abc/files"));
    }

    [Theory]
    [InlineData("https", "evil.example.org; script-src *", 443)]
    [InlineData("https", "evil.example.org *", 443)]
    [InlineData("javascript", "node.example.com", 443)]
    [InlineData("https", "node.example.com", 0)]
    [InlineData("", "", 0)]
    public void Of_AnAddressACspSourceCannotNameSafely_GivesNoSource(string scheme, string host, int port) =>
        Assert.Empty(ConnectSources.Of(scheme, host, port));

    [Fact]
    public void Of_IPv6Host_IsBracketed()
    {
        string[] expected = ["http://[::1]:8080", "ws://[::1]:8080"];
        Assert.Equal(expected, ConnectSources.Of("http", "::1", 8080));
    }

    private async Task<List<string>> ConnectSrcAsync(string path)
    {
        using var client = fixture.Panel.Client();
        using var response = await client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var directive = Assert.Single(policy.Split(';', StringSplitOptions.TrimEntries), d => d.StartsWith("connect-src ", StringComparison.Ordinal));
        return [.. directive.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)];
    }
}

public sealed class ContentSecurityPolicySqliteTests(SqlitePanelFixture f) : ContentSecurityPolicyTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class ContentSecurityPolicyPostgresTests(PostgresPanelFixture f) : ContentSecurityPolicyTests(f), IClassFixture<PostgresPanelFixture>;
