using System.Net.Http.Headers;
using Aerie.Panel.Data;
using Aerie.Panel.Http;

namespace Aerie.Panel.Nodes;

/// <summary>Calls whose answer the route reads itself (the file API's listings, contents and archives, spec 06 §2).</summary>
internal sealed partial class NodeClient
{
    /// <summary>
    /// Sends <paramref name="content"/> (may be null) and returns the node's 2xx answer with only its headers read,
    /// for the caller to dispose; any other answer is spec 04 §1.5's error as in <see cref="CallAsync"/>.
    /// <paramref name="timeout"/> bounds the whole exchange, reading the body included.
    /// </summary>
    public async Task<(NodeAnswer? Answer, PanelProblem? Failure)> ForwardAsync(PanelNode node, string secret, HttpMethod method, string path,
        HttpContent? content, TimeSpan timeout, CancellationToken ct)
    {
        var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        HttpResponseMessage? response = null;
        try
        {
            using var request = new HttpRequestMessage(method, node.InternalUrl + path) { Content = content };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
            response = await factory.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            if (!response.IsSuccessStatusCode)
            {
                var failure = await FailureAsync(response, cts.Token);
                response.Dispose();
                cts.Dispose();
                return (null, failure);
            }
            return (new NodeAnswer(response, cts), null);
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException && !ct.IsCancellationRequested)
        {
            response?.Dispose();
            cts.Dispose();
            return (null, new PanelProblem(504, UnreachableText));
        }
    }
}

/// <summary>A node's 2xx answer, headers read, body not yet; disposing ends the exchange and its timeout.</summary>
internal sealed class NodeAnswer(HttpResponseMessage response, CancellationTokenSource timeout) : IDisposable
{
    public HttpResponseMessage Response { get; } = response;

    /// <summary>Cancelled when the call's timeout passes (or the request goes away).</summary>
    public CancellationToken Token => timeout.Token;

    public void Dispose()
    {
        Response.Dispose();
        timeout.Dispose();
    }
}
