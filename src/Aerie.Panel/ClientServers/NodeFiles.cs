using System.Text.Json;
using System.Text.Json.Nodes;
using Aerie.Panel.Api;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Aerie.Panel.Nodes;

namespace Aerie.Panel.ClientServers;

/// <summary>The node's file API (spec 06 §2) as the client file routes call it: through the one <see cref="NodeClient"/>,
/// node failures as spec 04 §1.5 errors (thrown).</summary>
internal sealed class NodeFiles(NodeClient nodes, NodeSecrets secrets, PanelOptions options)
{
    public TimeSpan Timeout => options.PreflightTimeout * 5;

    public static string Path(GameServer server, string route, string? query = null) =>
        $"/api/servers/{server.Uuid}/files/{route}" + (query is null ? "" : "?" + query);

    public static string Query(string name, string value) => name + "=" + Uri.EscapeDataString(value);

    /// <exception cref="PanelProblem">the node's failure, or 504 when it cannot be reached</exception>
    public async Task<NodeAnswer> SendAsync(ServerScope scope, HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        var (node, secret) = Node(scope);
        var (answer, failure) = await nodes.ForwardAsync(node, secret.Secret, method, path, content, Timeout, ct);
        return answer ?? throw failure!;
    }

    /// <summary>A JSON call whose answer is not needed (204s).</summary>
    public async Task SendJsonAsync(ServerScope scope, HttpMethod method, string path, JsonNode body, CancellationToken ct)
    {
        using var answer = await SendAsync(scope, method, path, Json(body), ct);
    }

    /// <summary>A call answered with JSON (a listing, a Stat), read up to 64 MiB.</summary>
    public async Task<JsonElement> ReadJsonAsync(ServerScope scope, HttpMethod method, string path, JsonNode? body, CancellationToken ct)
    {
        using var answer = await SendAsync(scope, method, path, body is null ? null : Json(body), ct);
        try
        {
            await using var stream = await answer.Response.Content.ReadAsStreamAsync(answer.Token);
            using var doc = await JsonDocument.ParseAsync(new LimitedStream(stream, 64L * 1024 * 1024), cancellationToken: answer.Token);
            return doc.RootElement.Clone();
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            throw new PanelProblem(502, ApiErrorCodes.UnexpectedText);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new PanelProblem(504, NodeClient.UnreachableText);
        }
    }

    /// <exception cref="PanelProblem">504 when the server has no node, 500 when its secret cannot be read</exception>
    public (PanelNode Node, NodeSigningSecret Secret) Node(ServerScope scope)
    {
        var node = scope.Server.Node ?? throw new PanelProblem(504, NodeClient.UnreachableText);
        var secret = secrets.TryGet(node.TokenSecretProtected) ?? throw new PanelProblem(500, ApiErrorCodes.UnexpectedText);
        return (node, secret);
    }

    private static StringContent Json(JsonNode body) => new(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
}
