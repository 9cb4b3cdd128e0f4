using System.Collections.Concurrent;
using Aerie.Contracts.NodeApi;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Aerie.Panel.Nodes;

namespace Aerie.Panel.ClientServers;

/// <summary>
/// A server's live details from its node for <c>…/resources</c>, kept at most <see cref="MaxAge"/> (beyond
/// Pterodactyl's 20 s) and fetched once however many requests arrive together: a dashboard polling many servers,
/// or many bots polling one, costs the node one call per server per window. Failures are not remembered.
/// </summary>
internal sealed class ServerResources(NodeClient nodes, NodeSecrets secrets, PanelOptions options, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);
    private readonly ConcurrentDictionary<Guid, Entry> fresh = new();
    private readonly ConcurrentDictionary<Guid, Lazy<Task<ServerDetails>>> inflight = new();

    /// <exception cref="PanelProblem">the node's failure, spec 04 §1.5 (504 when unreachable)</exception>
    public async Task<ServerDetails> GetAsync(GameServer server, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (fresh.TryGetValue(server.Uuid, out var entry) && entry.Expires > now)
        {
            return entry.Details;
        }
        var node = server.Node ?? throw new PanelProblem(504, NodeClient.UnreachableText);
        var shared = inflight.GetOrAdd(server.Uuid, _ => new Lazy<Task<ServerDetails>>(() => FetchAsync(server.Uuid, node)));
        try
        {
            return await shared.Value.WaitAsync(ct);
        }
        finally
        {
            inflight.TryRemove(new KeyValuePair<Guid, Lazy<Task<ServerDetails>>>(server.Uuid, shared));
        }
    }

    // Not tied to one request's cancellation: other requests wait on it; it is bounded by its own timeout.
    private async Task<ServerDetails> FetchAsync(Guid uuid, PanelNode node)
    {
        var secret = secrets.TryUnprotect(node.TokenSecretProtected) ?? throw new PanelProblem(500, Api.ApiErrorCodes.UnexpectedText);
        var (details, failure) = await nodes.GetJsonAsync<ServerDetails>(node, secret, $"/api/servers/{uuid}", options.PreflightTimeout, CancellationToken.None);
        if (failure is not null)
        {
            throw failure;
        }
        fresh[uuid] = new Entry(details!, time.GetUtcNow() + MaxAge);
        if (fresh.Count > 10_000)
        {
            var now = time.GetUtcNow();
            foreach (var (key, e) in fresh)
            {
                if (e.Expires <= now)
                {
                    fresh.TryRemove(key, out _);
                }
            }
        }
        return details!;
    }

    private sealed record Entry(ServerDetails Details, DateTimeOffset Expires);
}
