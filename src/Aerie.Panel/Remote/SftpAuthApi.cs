using System.Net;
using System.Text.Json.Nodes;
using Aerie.Contracts.Permissions;
using Aerie.Contracts.RemoteApi;
using Aerie.Panel.Activity;
using Aerie.Panel.Api;
using Aerie.Panel.ClientServers;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Aerie.Panel.Servers;
using Aerie.Panel.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Remote;

/// <summary>
/// <c>POST /api/remote/sftp/auth</c>, the panel side of spec 06 §7, in its order: split the username at the last
/// dot; the throttle on (username, client IP); the user and the server on the calling node; the password (or key);
/// <c>file.sftp</c> for users who are neither owner nor admin; the server's state; the effective permissions.
/// Any 4xx is "bad credentials" to the SSH client, so only the texts below are told apart.
/// </summary>
internal static class SftpAuthApi
{
    public const string BadCredentialsText = "Authorization credentials were not correct, please try again.";
    public const string DeniedText = "You do not have permission to access SFTP for this server.";
    public const string BadUsernameText = "The username provided is not in the format <username>.<server>.";
    public const string FailEvent = "auth:sftp.fail";
    public const string DeniedEvent = "server:sftp.denied";
    public const string SftpPermission = "file.sftp";

    public static RouteGroupBuilder MapRemoteSftp(this RouteGroupBuilder group)
    {
        group.MapPost("/sftp/auth", AuthenticateAsync);
        return group;
    }

    private static async Task<IResult> AuthenticateAsync(SftpAuthRequest body, HttpContext http, PanelDb db, UserService users,
        SftpAuthThrottle throttle, ActivityWriter activity, TimeProvider time)
    {
        var ct = http.RequestAborted;
        if (body.Type is not (SftpAuthTypes.Password or SftpAuthTypes.PublicKey))
        {
            return ApiErrors.Result(PanelProblem.Field("type", "in", "The selected type is invalid."));
        }
        // User names may contain dots: the server part is what follows the last one.
        var username = body.Username ?? "";
        var dot = username.LastIndexOf('.');
        if (dot <= 0 || dot == username.Length - 1)
        {
            return ApiErrors.Result(400, BadUsernameText, ApiErrorCodes.BadRequest);
        }
        var (name, serverKey) = (username[..dot], username[(dot + 1)..]);
        var ip = Host(body.Ip);
        var key = SftpAuthThrottle.Key(name, ip);
        if (throttle.SecondsLocked(key) is { } wait)
        {
            http.Response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ApiErrors.Result(429, $"Too many login attempts for this account, please try again in {wait} seconds.", ApiErrorCodes.TooManyRequests);
        }
        var node = RemoteNodeFilter.Of(http);
        var lower = name.ToLowerInvariant();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Username == lower, ct);
        var server = await ServerAccess.FindAsync(db, serverKey, ct);
        if (server is not null && server.NodeId != node.Id)
        {
            server = null;
        }
        if (body.Type == SftpAuthTypes.PublicKey)
        {
            // The panel stores no SSH keys for users: no key can match. Not counted or logged (clients offer several keys).
            return BadCredentials();
        }
        // Hashed even for an unknown user or server, so the answer's timing tells nothing.
        var passwordOk = users.PasswordMatches(user, body.Password ?? "");
        if (user is null || server is null || !passwordOk || user.Suspended)
        {
            throttle.Failed(key);
            await RecordAsync(activity, db, time, FailEvent, user?.Uuid, server?.Uuid, ip, new JsonObject { ["username"] = username }, ct);
            return BadCredentials();
        }
        throttle.Succeeded(key);
        var permissions = await ServerAccess.EffectiveAsync(db, user, server, ct);
        if (!user.Admin && server.OwnerId != user.Id && (permissions is null || !permissions.Contains(SftpPermission)))
        {
            await RecordAsync(activity, db, time, DeniedEvent, user.Uuid, server.Uuid, ip, [], ct);
            return ApiErrors.Result(403, DeniedText, ApiErrorCodes.AccessDenied);
        }
        if (ServerStateGate.Refusal(server) is { } refusal)
        {
            return ApiErrors.Result(409, refusal, ApiErrorCodes.ServerStateConflict);
        }
        return Results.Json(new SftpAuthResponse(server.Uuid.ToString(), user.Uuid.ToString(), permissions ?? [Permission.All]));
    }

    private static IResult BadCredentials() => ApiErrors.Result(403, BadCredentialsText, ApiErrorCodes.AccessDenied);

    /// <summary>The host of the SSH client's <c>host:port</c> (IPv6 in brackets or bare), or the value itself.</summary>
    internal static string Host(string? ip)
    {
        var value = (ip ?? "").Trim();
        if (IPEndPoint.TryParse(value, out var endpoint))
        {
            return endpoint.Address.ToString();
        }
        return value;
    }

    private static ValueTask RecordAsync(ActivityWriter activity, PanelDb db, TimeProvider time, string name, Guid? user, Guid? server, string ip,
        JsonObject metadata, CancellationToken ct) =>
        activity.RecordAsync(new ActivityRecord
        {
            ServerUuid = server,
            UserUuid = user,
            Event = name,
            Ip = ip.Length > 0 ? ip : null,
            MetadataJson = metadata.ToJsonString(),
            Timestamp = time.GetUtcNow(),
        }, db, ct);
}
