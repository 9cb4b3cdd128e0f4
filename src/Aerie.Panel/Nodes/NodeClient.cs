using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Aerie.Panel.Data;

namespace Aerie.Panel.Nodes;

/// <summary>Calls a node's API (spec 03) with its bearer secret; every call is bounded by a timeout.</summary>
internal sealed class NodeClient(IHttpClientFactory factory)
{
    public const string HttpClientName = "aerie-nodes";

    public async Task<PreflightResult> PreflightAsync(PanelNode node, string secret, Guid serverUuid, TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{node.InternalUrl}/api/servers/{serverUuid}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
            using var response = await factory.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return new(PreflightOutcome.NotOnNode);
            }
            if (!response.IsSuccessStatusCode)
            {
                return new(PreflightOutcome.Failed, $"Node answered {(int)response.StatusCode}");
            }
            var body = await ReadLimitedAsync(response, 256 * 1024, cts.Token);
            return IsJsonObject(body) ? new(PreflightOutcome.Ready) : new(PreflightOutcome.Failed, "Node answered with an unreadable body");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new(PreflightOutcome.Failed, $"Node did not answer within {timeout.TotalSeconds:0.#}s");
        }
        catch (HttpRequestException ex)
        {
            return new(PreflightOutcome.Failed, Describe(ex));
        }
    }

    /// <summary>Sends a queued call; true when the node acknowledged (2xx, or 404: nothing left to act on there).</summary>
    public async Task<(bool Acknowledged, string Detail)> SendAsync(PanelNode node, string secret, string method, string path, string json, TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), node.InternalUrl + path);
            if (json.Length > 0)
            {
                request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
            using var response = await factory.CreateClient(HttpClientName).SendAsync(request, cts.Token);
            var ok = response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound;
            return (ok, $"HTTP {(int)response.StatusCode}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (false, "timed out");
        }
        catch (HttpRequestException ex)
        {
            return (false, Describe(ex));
        }
    }

    private static string Describe(HttpRequestException ex) => ex.InnerException switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => "Connection refused",
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData } => "Node host not found",
        SocketException s => "Connection failed (" + s.SocketErrorCode + ")",
        _ => ex.HttpRequestError == HttpRequestError.ConnectionError ? "Connection failed" : "Invalid response from node",
    };

    private static async Task<string> ReadLimitedAsync(HttpResponseMessage response, int limit, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[limit];
        var total = 0;
        int read;
        while (total < limit && (read = await stream.ReadAsync(buffer.AsMemory(total, limit - total), ct)) > 0)
        {
            total += read;
        }
        return Encoding.UTF8.GetString(buffer, 0, total);
    }

    private static bool IsJsonObject(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
