using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Aerie.Panel.Nodes;

namespace Aerie.Panel.Servers;

/// <summary>
/// The node calls an Application API request waits for (create, suspension sync, reinstall, delete): made
/// directly, bounded by a timeout, and answered with spec 04 §1.5's error so the caller can undo its change.
/// Calls that may happen later (build and startup syncs, revocations) go through the outbox instead.
/// </summary>
internal sealed class ServerNodeCalls(NodeClient nodes, NodeSecrets secrets, PanelOptions options)
{
    /// <returns>null when the node acknowledged (or <paramref name="ignoreNotFound"/> and it answered 404)</returns>
    public async Task<PanelProblem?> CallAsync(PanelNode node, string method, string path, string json, bool ignoreNotFound, CancellationToken ct)
    {
        var secret = secrets.TryUnprotect(node.TokenSecretProtected);
        return secret is null
            ? new PanelProblem(500, "The node secret cannot be decrypted (Data Protection keys lost?).")
            : await nodes.CallAsync(node, secret, method, path, json, options.PreflightTimeout * 5, ignoreNotFound, ct);
    }
}
