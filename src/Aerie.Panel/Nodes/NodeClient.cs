using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Aerie.Panel.Data;
using Aerie.Panel.Http;

namespace Aerie.Panel.Nodes;

/// <summary>Calls a node's API (spec 03) with its bearer secret; every call is bounded by a timeout.</summary>
internal sealed partial class NodeClient(IHttpClientFactory factory)
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

    /// <summary>
    /// A call made while serving an API request (server create, delete): null on success, otherwise spec 04
    /// §1.5's error — 504 unreachable or timed out, the node's 4xx with its message and request id, its 5xx
    /// with a generic text. <paramref name="ignoreNotFound"/> treats a node 404 as done (a delete).
    /// </summary>
    public async Task<PanelProblem?> CallAsync(PanelNode node, string secret, string method, string path, string json, TimeSpan timeout, bool ignoreNotFound, CancellationToken ct)
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
            if (response.IsSuccessStatusCode || (ignoreNotFound && response.StatusCode == HttpStatusCode.NotFound))
            {
                return null;
            }
            return await FailureAsync(response, cts.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new PanelProblem(504, UnreachableText);
        }
        catch (HttpRequestException)
        {
            return new PanelProblem(504, UnreachableText);
        }
    }

    /// <summary>
    /// A read made while serving an API request (a server's resources): the node's JSON answer as
    /// <typeparamref name="T"/>, or spec 04 §1.5's error as in <see cref="CallAsync"/> (an unreadable 2xx body is a 502).
    /// </summary>
    public async Task<(T? Value, PanelProblem? Failure)> GetJsonAsync<T>(PanelNode node, string secret, string path, TimeSpan timeout, CancellationToken ct)
        where T : class
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, node.InternalUrl + path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
            using var response = await factory.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            if (!response.IsSuccessStatusCode)
            {
                return (null, await FailureAsync(response, cts.Token));
            }
            var body = await ReadLimitedAsync(response, 256 * 1024, cts.Token);
            try
            {
                return JsonSerializer.Deserialize<T>(body, Contracts.ContractsJson.Options) is { } value
                    ? (value, null)
                    : (null, new PanelProblem(502, Api.ApiErrorCodes.UnexpectedText));
            }
            catch (JsonException)
            {
                return (null, new PanelProblem(502, Api.ApiErrorCodes.UnexpectedText));
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, new PanelProblem(504, UnreachableText));
        }
        catch (HttpRequestException)
        {
            return (null, new PanelProblem(504, UnreachableText));
        }
    }

    public const string UnreachableText = "Could not establish a connection to the machine running this server. Please try again.";

    // The node's 4xx carries its own message and request id; a 5xx gets the generic text (spec 04 §1.5).
    internal static async Task<PanelProblem> FailureAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        if (status is >= 400 and < 500)
        {
            var requestId = response.Headers.TryGetValues("X-Request-Id", out var ids) ? ids.FirstOrDefault() : null;
            var body = await ReadLimitedAsync(response, 16 * 1024, ct);
            return new PanelProblem(status, $"An error occurred on the remote host: {NodeErrorText(body)}. (request id: {requestId ?? "<nil>"})");
        }
        return new PanelProblem(status >= 500 ? status : 502, Api.ApiErrorCodes.UnexpectedText);
    }

    private static string NodeErrorText(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String)
            {
                return e.GetString()!;
            }
        }
        catch (JsonException)
        {
        }
        return body.Length > 200 ? body[..200] : body;
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
