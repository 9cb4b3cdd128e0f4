using System.Text.Json.Nodes;
using Aerie.Contracts.NodeApi;
using Aerie.Contracts.Socket;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Aerie.Panel.Nodes;

namespace Aerie.Panel.Schedules;

/// <summary>What a task does (spec 07 §10's actions table), through the same node client the client routes use.</summary>
internal sealed class ScheduleActions(NodeClient nodes, NodeSecrets secrets, PanelOptions options, IScheduledBackups backups)
{
    public const string OfflineText = "Server must be online in order to send commands.";

    private TimeSpan Timeout => options.PreflightTimeout * 5;

    /// <summary>Null on success, otherwise the failure's text.</summary>
    public async Task<string?> RunAsync(GameServer server, ScheduleTask task, CancellationToken ct)
    {
        var path = $"/api/servers/{server.Uuid}";
        switch (task.Action)
        {
            case ScheduleInputs.Command:
                var failure = await CallAsync(server, path + "/commands", Json.Write(new CommandsRequest([task.Payload])), ct);
                return failure == "502" ? OfflineText : failure;
            case ScheduleInputs.Power:
                return await CallAsync(server, path + "/power", Json.Write(new PowerRequest(task.Payload)), ct);
            case ScheduleInputs.DeleteFiles:
                var files = new JsonArray([.. Lines(task.Payload).Select(f => JsonValue.Create(f))]);
                return await CallAsync(server, path + "/files/delete", new JsonObject { ["root"] = "/", ["files"] = files }.ToJsonString(), ct);
            case ScheduleInputs.Backup:
                return await backups.CreateAsync(server, task.Payload, ct);
            default:
                return $"unknown action {task.Action}";
        }
    }

    /// <summary>The node's state of the server (spec 03's <c>GET /api/servers/{uuid}</c>), or null when the node cannot say.</summary>
    public async Task<string?> StateAsync(GameServer server, CancellationToken ct)
    {
        if (server.Node is not { } node || secrets.TryUnprotect(node.TokenSecretProtected) is not { } secret)
        {
            return null;
        }
        var (details, _) = await nodes.GetJsonAsync<ServerDetails>(node, secret, $"/api/servers/{server.Uuid}", Timeout, ct);
        return details?.State;
    }

    public static bool IsOnline(string? state) => state is ServerStates.Starting or ServerStates.Running;

    private static IEnumerable<string> Lines(string payload) =>
        payload.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

    // The status code alone for a 502 (the offline answer); the problem's text otherwise.
    private async Task<string?> CallAsync(GameServer server, string path, string json, CancellationToken ct)
    {
        if (server.Node is not { } node)
        {
            return NodeClient.UnreachableText;
        }
        if (secrets.TryUnprotect(node.TokenSecretProtected) is not { } secret)
        {
            return "the node's token cannot be read";
        }
        var problem = await nodes.CallAsync(node, secret, "POST", path, json, Timeout, ignoreNotFound: false, ct);
        return problem is null ? null : problem.Status == 502 ? "502" : $"{problem.Status}: {problem.Message}";
    }
}
