using Aerie.Contracts.NodeApi;
using Aerie.Contracts.Permissions;
using Aerie.Contracts.Socket;
using Aerie.Panel.Api;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Aerie.Panel.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Aerie.Panel.ClientServers;

/// <summary><c>…/resources</c>, <c>…/power</c> and <c>…/command</c> (spec 04 §2.3): read or drive the server through its node (spec 03).</summary>
internal static class ServerControlApi
{
    public const string OfflineText = "Server must be online in order to send commands.";
    private const string NoSuchPermission = "__invalid";
    private static readonly string[] Signals = [PowerActions.Start, PowerActions.Stop, PowerActions.Restart, PowerActions.Kill];

    public static RouteGroupBuilder MapServerControl(this RouteGroupBuilder group)
    {
        group.MapGet("/servers/{server}/resources", async (string server, HttpContext http, PanelDb db, ServerResources resources) =>
        {
            var scope = (await ClientServerAccess.ResolveAsync(http, db, server)).Usable();
            return Results.Json(StatsTransformer.Instance.Item(await resources.GetAsync(scope.Server, http.RequestAborted)));
        });
        group.MapPost("/servers/{server}/power", async (string server, HttpContext http, PanelDb db, NodeClient nodes, NodeSecrets secrets, PanelOptions options) =>
        {
            var scope = (await ClientServerAccess.ResolveAsync(http, db, server)).Usable();
            var input = await ApiBody.ReadAsync(http.Request, http.RequestAborted);
            // `action` is XyraPanel's name for it; `signal` wins when both are sent.
            var field = input.IsPresent("signal") || !input.IsPresent("action") ? "signal" : "action";
            // The permission follows from the signal and is checked before validation, as Pterodactyl does: a
            // subuser sending nonsense learns nothing more than "unauthorized".
            scope.Require(PermissionFor(input.Raw[field] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var raw) ? raw.Trim() : null));
            var signal = input.OneOf(field, Signals, required: true);
            if (!input.IsValid && field == "action")
            {
                // Reported as Pterodactyl names the field, whichever spelling came.
                throw new PanelProblem(422, [.. input.Errors.Select(e => e with { Detail = e.Detail.Replace("action", "signal", StringComparison.Ordinal), Meta = e.Meta! with { SourceField = "signal" } })]);
            }
            input.ThrowIfInvalid();
            await CallNodeAsync(scope, nodes, secrets, options, $"/api/servers/{scope.Server.Uuid}/power", Json.Write(new PowerRequest(signal!)), http.RequestAborted);
            await ServerActivity.RecordAsync(http, scope, ServerActivity.Power(signal!));
            return Results.NoContent();
        });
        group.MapPost("/servers/{server}/command", async (string server, HttpContext http, PanelDb db, NodeClient nodes, NodeSecrets secrets, PanelOptions options) =>
        {
            var scope = (await ClientServerAccess.ResolveAsync(http, db, server)).Usable().Require(Permission.ControlConsole);
            var input = await ApiBody.ReadAsync(http.Request, http.RequestAborted);
            var command = CommandLine(input);
            input.ThrowIfInvalid();
            var failure = await TryCallNodeAsync(scope, nodes, secrets, options, $"/api/servers/{scope.Server.Uuid}/commands", Json.Write(new CommandsRequest([command!])), http.RequestAborted);
            if (failure is { Status: 502 })
            {
                // Wings' and our node's answer for a stopped server.
                throw new PanelProblem(502, OfflineText, ApiErrorCodes.Http);
            }
            if (failure is not null)
            {
                throw failure;
            }
            await ServerActivity.RecordAsync(http, scope, ServerActivity.Command, new Dictionary<string, string?> { ["command"] = command });
            return Results.NoContent();
        });
        return group;
    }

    /// <summary>
    /// The one command of the request: a single trailing line ending is dropped (what a terminal sends), any other
    /// CR, LF or control character is refused (one request, one command, as spec 02 does on the socket). Tabs pass.
    /// </summary>
    private static string? CommandLine(ApiInput input)
    {
        var node = input.Raw["command"];
        if (node is null || node is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var s) && s.Trim().Length == 0)
        {
            input.Fail("command", "required", "The command field is required.");
            return null;
        }
        if (node is not System.Text.Json.Nodes.JsonValue value || !value.TryGetValue<string>(out var text))
        {
            input.Fail("command", "string", "The command field must be a string.");
            return null;
        }
        text = text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.EndsWith('\n') || text.EndsWith('\r') ? text[..^1] : text;
        if (text.Any(c => char.IsControl(c) && c != '\t'))
        {
            input.Fail("command", "regex", "The command field must be a single line without control characters.");
            return null;
        }
        return text;
    }

    private static string PermissionFor(string? signal) => signal switch
    {
        PowerActions.Start => Permission.ControlStart,
        PowerActions.Stop or PowerActions.Kill => Permission.ControlStop,
        PowerActions.Restart => Permission.ControlRestart,
        _ => NoSuchPermission,
    };

    /// <exception cref="PanelProblem">the node's failure, spec 04 §1.5</exception>
    public static async Task CallNodeAsync(ServerScope scope, NodeClient nodes, NodeSecrets secrets, PanelOptions options, string path, string json, CancellationToken ct)
    {
        if (await TryCallNodeAsync(scope, nodes, secrets, options, path, json, ct) is { } failure)
        {
            throw failure;
        }
    }

    public static async Task<PanelProblem?> TryCallNodeAsync(ServerScope scope, NodeClient nodes, NodeSecrets secrets, PanelOptions options, string path, string json, CancellationToken ct)
    {
        var node = scope.Server.Node;
        if (node is null)
        {
            return new PanelProblem(504, NodeClient.UnreachableText);
        }
        var secret = secrets.TryUnprotect(node.TokenSecretProtected);
        return secret is null
            ? new PanelProblem(500, ApiErrorCodes.UnexpectedText)
            : await nodes.CallAsync(node, secret, "POST", path, json, options.PreflightTimeout * 5, ignoreNotFound: false, ct);
    }
}
