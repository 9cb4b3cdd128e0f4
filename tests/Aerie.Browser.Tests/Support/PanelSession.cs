using System.Net;
using System.Net.Http.Json;
using Aerie.Contracts.PanelApi;

namespace Aerie.Browser.Tests.Support;

/// <summary>A logged-in HTTP client of the panel (session cookie), as a script or bot would use it.</summary>
internal sealed class PanelSession : IDisposable
{
    private readonly HttpClient http;

    private PanelSession(HttpClient http) => this.http = http;

    public static async Task<PanelSession> LoginAsync(string panelUrl, string login, string password)
    {
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        var http = new HttpClient(handler) { BaseAddress = new Uri(panelUrl), Timeout = TimeSpan.FromSeconds(15) };
        using var response = await http.PostAsJsonAsync("/auth/login", new { login, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new PanelSession(http);
    }

    /// <summary>Spec 01: the console token and the node's socket URL for this user on that server.</summary>
    public async Task<WebsocketCredentials> CredentialsAsync(string server)
    {
        using var response = await http.GetAsync(new Uri($"/api/client/servers/{server}/websocket", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<WebsocketCredentials>() ?? throw new InvalidOperationException("empty credentials body");
    }

    public void Dispose() => http.Dispose();
}
