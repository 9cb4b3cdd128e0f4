using System.Globalization;
using Aerie.Panel.Tests.Infrastructure;

namespace Aerie.Panel.Tests.Credentials;

/// <summary>Pins the exact JSON clients parse (key names, order, nesting) against Golden/*.json.</summary>
public sealed class CredentialsGoldenTests(SqlitePanelFixture fixture) : IClassFixture<SqlitePanelFixture>
{
    [Fact]
    public async Task Golden_SuccessBody_MatchesFile()
    {
        var (owner, _) = await fixture.CreateUserAsync();
        var server = await fixture.CreateServerAsync(owner);
        using var client = fixture.ApiKeyClient(await fixture.CreateApiKeyAsync(owner));
        var (token, _) = await CredentialsRequests.GetAsync(client, server.Identifier);
        var body = await client.GetStringAsync(CredentialsRequests.Route(server.Identifier));
        var tokenNow = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("token").GetString()!;
        Assert.NotEqual(token, tokenNow); // unique_id differs per token
        Assert.Equal(Golden("websocket-credentials.json"), body.Replace(tokenNow, "<jwt>", StringComparison.Ordinal).Replace(server.Uuid.ToString(), "<uuid>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Golden_UnavailableBody_MatchesFile()
    {
        var (owner, _) = await fixture.CreateUserAsync();
        var server = await fixture.CreateServerAsync(owner, onNode: false);
        using var client = fixture.ApiKeyClient(await fixture.CreateApiKeyAsync(owner));
        var body = await client.GetStringAsync(CredentialsRequests.Route(server.Uuid.ToString()));
        var normalized = body
            .Replace(server.Uuid.ToString(), "<uuid>", StringComparison.Ordinal)
            .Replace($"\"{server.Identifier}\"", "\"<identifier>\"", StringComparison.Ordinal)
            .Replace($"\"nodeId\":\"{fixture.PanelNode.Id.ToString(CultureInfo.InvariantCulture)}\"", "\"nodeId\":\"<node id>\"", StringComparison.Ordinal);
        Assert.Equal(Golden("websocket-unavailable.json"), normalized);
    }

    [Fact]
    public async Task Golden_ErrorBody_MatchesFile()
    {
        var (user, _) = await fixture.CreateUserAsync();
        using var client = fixture.ApiKeyClient(await fixture.CreateApiKeyAsync(user));
        using var response = await client.GetAsync(CredentialsRequests.Route(Guid.NewGuid().ToString()));
        Assert.Equal(Golden("websocket-not-found.json"), await response.Content.ReadAsStringAsync());
    }

    private static string Golden(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", name)).TrimEnd('\n');
}
