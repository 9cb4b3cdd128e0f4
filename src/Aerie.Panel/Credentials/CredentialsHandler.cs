using System.Globalization;
using Aerie.Contracts.PanelApi;
using Aerie.Contracts.Permissions;
using Aerie.Panel.Activity;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Aerie.Panel.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Aerie.Panel.Credentials;

/// <summary>
/// <c>GET /api/client/servers/{server}/websocket</c>, spec 01, steps in the spec's order:
/// 1 identifier → 400; 2 caller → 401; 3 server + access → 404; 4 websocket.connect → 403;
/// 5 suspended → 409; (rate limit per user+server → 429); 6 node + secret → 500;
/// 7 preflight (cached) → 200 unavailable / 502; 8 mint, audit, answer.
/// </summary>
internal sealed partial class CredentialsHandler(
    PanelDb db, CallerResolver callers, NodeSecrets secrets, NodeClient nodes, PreflightCache cache,
    CredentialsRateLimiter limiter, CredentialsSnapshots snapshots, AccessStampReader stamps, ConsoleTokenMinter minter, ActivityWriter activity, PanelOptions options, TimeProvider time,
    ILogger<CredentialsHandler> logger)
{
    public async Task<IResult> HandleAsync(string? server, HttpContext http)
    {
        var ct = http.RequestAborted;
        if (string.IsNullOrWhiteSpace(server))
        {
            return CredentialsErrors.Result(400, CredentialsMessages.MissingIdentifier);
        }
        // The stamp first: whatever is remembered under it, or read after it, is at least as new as it.
        var generation = snapshots.At(await stamps.ReadAsync(ct));
        var callerKey = CredentialsSnapshots.KeyOf(http);
        var caller = callerKey is { } known ? generation.CallerOf(known, snapshots.Now) : null;
        if (caller is null)
        {
            try
            {
                caller = await callers.ResolveAsync(http);
            }
            catch (PanelProblem blocked)
            {
                // A key used from an address it does not allow: the same refusal as everywhere, in spec 01's body.
                return CredentialsErrors.Result(blocked.Status, blocked.Message);
            }
            if (caller is not null && callerKey is { } key)
            {
                generation.Remember(key, caller, snapshots.Now);
            }
        }
        if (caller is null)
        {
            return CredentialsErrors.Result(401, CredentialsMessages.Unauthenticated);
        }
        if (caller.ViaApplicationKey)
        {
            return CredentialsErrors.Result(403, AuthFilter.ApplicationKeyOnClient);
        }
        if (TwoFactor.TwoFactorGate.Refusal(options, caller.User, http.Request.Path) is { } twoFactorFirst)
        {
            return twoFactorFirst;
        }
        var access = generation.AccessOf(caller.User.Id, server, snapshots.Now);
        if (access is null && server.Length <= 64)
        {
            access = await CredentialsLookup.AccessAsync(db, caller.User, server, ct);
            if (access is not null)
            {
                generation.Remember(caller.User.Id, server, access, snapshots.Now);
            }
        }
        if (access is null)
        {
            return CredentialsErrors.Result(404, CredentialsMessages.NotFound);
        }
        var (found, permissions) = (access.Server, access.Permissions);
        if (!Permission.Grants(permissions, Permission.WebsocketConnect))
        {
            return CredentialsErrors.Result(403, CredentialsMessages.Forbidden);
        }
        if (found.Suspended)
        {
            return CredentialsErrors.Result(409, CredentialsMessages.Suspended);
        }
        if (limiter.TryAcquire(caller.User.Uuid, found.Uuid) is { } wait)
        {
            http.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
            return CredentialsErrors.Result(429, CredentialsMessages.TooManyRequests);
        }
        var node = found.Node;
        var signing = node is null ? null : secrets.TryGet(node.TokenSecretProtected);
        if (node is null || signing is null)
        {
            return CredentialsErrors.Result(500, CredentialsMessages.NoNode);
        }
        if (!cache.IsFresh(found.Uuid, found.Stamp, node.Id, node.Stamp))
        {
            var preflight = await cache.RunOnceAsync(
                found.Uuid, found.Stamp, node.Id, node.Stamp,
                () => nodes.PreflightAsync(node, signing.Secret, found.Uuid, options.PreflightTimeout, CancellationToken.None), ct);
            if (preflight.Outcome == PreflightOutcome.NotOnNode)
            {
                cache.Forget(found.Uuid);
                return Results.Ok(Unavailable(found, node));
            }
            if (preflight.Outcome == PreflightOutcome.Failed)
            {
                cache.Forget(found.Uuid);
                LogPreflightFailed(logger, found.Uuid, node.Name, preflight.Reason);
                return CredentialsErrors.Result(502, CredentialsMessages.PreflightFailedPrefix + preflight.Reason);
            }
        }
        var token = minter.Mint(caller.User, found, node, signing.Signing, permissions, ConsoleGrant.Of(caller), ConsoleGrant.EndOf(caller));
        var socket = NodeUrls.Socket(node, found.Uuid);
        await AuditAsync(caller, found, http, ct);
        return Results.Ok(new WebsocketCredentials(token, socket, new WebsocketCredentialsData(token, socket)));
    }

    private static WebsocketUnavailable Unavailable(GameServer server, PanelNode node) => new(
        true,
        WebsocketUnavailable.DefaultMessage,
        new WebsocketDiagnostics(
            WebsocketUnavailable.NodeNotFoundError,
            server.Uuid.ToString(),
            server.Identifier,
            node.Id.ToString(CultureInfo.InvariantCulture),
            server.Status));

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "Console preflight for server {Server} on node {Node} failed: {Reason}")]
    private static partial void LogPreflightFailed(ILogger logger, Guid server, string node, string reason);

    // The audit metadata has two possible values: written once, not serialized per request.
    private static readonly string ViaApiKeyJson = Json.Write(new Dictionary<string, string> { ["via"] = "api_key" });
    private static readonly string ViaSessionJson = Json.Write(new Dictionary<string, string> { ["via"] = "session" });

    private async Task AuditAsync(Caller caller, GameServer server, HttpContext http, CancellationToken ct)
    {
        var agent = http.Request.Headers.UserAgent.ToString();
        await activity.RecordAsync(new ActivityRecord
        {
            ServerUuid = server.Uuid,
            UserUuid = caller.User.Uuid,
            Event = PanelActivityEvents.ConsoleCredentials,
            Ip = http.Connection.RemoteIpAddress?.ToString(),
            UserAgent = agent.Length > 512 ? agent[..512] : agent,
            MetadataJson = caller.ViaApiKey ? ViaApiKeyJson : ViaSessionJson,
            Timestamp = time.GetUtcNow(),
        }, db, ct);
    }
}
