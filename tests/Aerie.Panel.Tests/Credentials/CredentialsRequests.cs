using System.Net;
using System.Text.Json;
using Aerie.Contracts.PanelApi;

namespace Aerie.Panel.Tests.Credentials;

/// <summary>Calls the credentials endpoint and checks spec 01's body shapes.</summary>
internal static class CredentialsRequests
{
    public static string Route(string server) => $"/api/client/servers/{server}/websocket";

    public static async Task<(string Token, string Socket)> GetAsync(HttpClient client, string server)
    {
        using var response = await client.GetAsync(Route(server));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        var token = root.GetProperty("token").GetString()!;
        var socket = root.GetProperty("socket").GetString()!;
        Assert.Equal(token, root.GetProperty("data").GetProperty("token").GetString());
        Assert.Equal(socket, root.GetProperty("data").GetProperty("socket").GetString());
        return (token, socket);
    }

    /// <summary>Checks spec 01's error body: status, message, and the Pterodactyl errors array.</summary>
    public static async Task<ErrorBody> AssertErrorAsync(HttpResponseMessage response, int status, string? message)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString() ?? "", StringComparison.Ordinal);
        var body = JsonSerializer.Deserialize<ErrorBody>(text)!;
        Assert.Equal(status, body.Status);
        if (message is not null)
        {
            Assert.Equal(message, body.Message);
        }
        var item = Assert.Single(body.Errors);
        Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), item.Status);
        Assert.Equal(body.Message, item.Detail);
        Assert.False(string.IsNullOrEmpty(item.Code));
        response.Dispose();
        return body;
    }
}
