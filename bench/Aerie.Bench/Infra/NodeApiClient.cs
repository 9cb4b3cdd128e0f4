using System.Net.Http.Headers;
using System.Net.Http.Json;
using Aerie.Contracts.NodeApi;

namespace Aerie.Bench.Infra;

/// <summary>The node API (spec 03) as the harness uses it: power, commands, state.</summary>
internal sealed class NodeApiClient : IDisposable
{
    private readonly HttpClient http;

    public NodeApiClient(Uri baseUri, string secret)
    {
        http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(20) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
    }

    public async Task PowerAsync(string uuid, string action)
    {
        using var response = await http.PostAsJsonAsync($"/api/servers/{uuid}/power", new PowerRequest(action));
        response.EnsureSuccessStatusCode();
    }

    public async Task CommandAsync(string uuid, string command)
    {
        using var response = await http.PostAsJsonAsync($"/api/servers/{uuid}/commands", new CommandsRequest([command]));
        response.EnsureSuccessStatusCode();
    }

    public async Task<string> StateAsync(string uuid)
    {
        var details = await http.GetFromJsonAsync<ServerDetails>($"/api/servers/{uuid}");
        return details?.State ?? "";
    }

    /// <summary>Starts the server and waits (bounded) until the flooder printed its done line.</summary>
    public async Task StartAndWaitRunningAsync(string uuid, TimeSpan timeout)
    {
        await PowerAsync(uuid, "start");
        using var cts = new CancellationTokenSource(timeout);
        while (await StateAsync(uuid) != "running")
        {
            await Task.Delay(50, cts.Token);
        }
    }

    /// <summary>Waits (bounded) until the node lists the server, e.g. after loading it from the panel at boot.</summary>
    public async Task WaitKnownAsync(string uuid, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            using var response = await http.GetAsync($"/api/servers/{uuid}", cts.Token);
            if (response.IsSuccessStatusCode)
            {
                return;
            }
            await Task.Delay(50, cts.Token);
        }
    }

    public void Dispose() => http.Dispose();
}
