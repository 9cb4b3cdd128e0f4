using System.Text.Json.Nodes;
using Aerie.Panel.Activity;
using Aerie.Panel.Api;
using Aerie.Panel.Auth;
using Aerie.Panel.ClientServers;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Aerie.Panel.Servers;
using Aerie.Panel.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Aerie.Panel.Subusers;

/// <summary>
/// <c>/api/client/servers/{server}/users</c> (spec 04 §2.6), <c>{user}</c> being the subuser's user UUID. Administrators
/// use these routes too (they hold every permission on every server), as in Pterodactyl.
/// </summary>
internal static class SubusersApi
{
    public static IEndpointRouteBuilder MapSubusers(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/client/servers/{server}/users").AddEndpointFilter(new AuthFilter(adminOnly: false));
        group.MapGet("/", async (string server, HttpContext http, PanelDb db, SubuserService subs) =>
        {
            var s = (await ClientServerAccess.RequireAsync(http, db, server, "user.read")).Server;
            return Results.Json(SubuserTransformer.Instance.List(await subs.ListAsync(s, http.RequestAborted)));
        });
        group.MapPost("/", CreateAsync);
        group.MapGet("/{user}", async (string server, string user, HttpContext http, PanelDb db, SubuserService subs) =>
        {
            var s = (await ClientServerAccess.RequireAsync(http, db, server, "user.read")).Server;
            return Results.Json(SubuserTransformer.Instance.Item(await subs.FindAsync(s, UserUuid(user), http.RequestAborted)));
        });
        group.MapPost("/{user}", UpdateAsync);
        group.MapDelete("/{user}", async (string server, string user, HttpContext http, PanelDb db, SubuserService subs, ActivityWriter activity, TimeProvider time) =>
        {
            var s = (await ClientServerAccess.RequireAsync(http, db, server, "user.delete")).Server;
            var removed = await subs.RemoveAsync(s, UserUuid(user), http.RequestAborted);
            await activity.RecordAsync(ActivityEntries.Of(http, PanelActivityEvents.SubuserDeleted, time, s.Uuid,
                new JsonObject { ["email"] = removed.User!.Email }), db, http.RequestAborted);
            return Results.NoContent();
        });
        return app;
    }

    private static async Task<IResult> CreateAsync(string server, HttpContext http, PanelDb db, SubuserService subs, ActivityWriter activity, TimeProvider time)
    {
        var scope = await ClientServerAccess.RequireAsync(http, db, server, "user.create");
        var (s, held) = (scope.Server, scope.Permissions);
        var input = await ApiBody.ReadAsync(http.Request, http.RequestAborted);
        var email = input.String("email", required: true, max: EmailRule.MaxLength)?.ToLowerInvariant();
        if (email is not null && !EmailRule.IsValid(email))
        {
            input.Fail("email", "email", "The email field must be a valid email address.");
        }
        var permissions = input.StringArray("permissions", required: true);
        input.ThrowIfInvalid();
        var sub = await subs.AddAsync(s, email!, permissions!, Granter(http, s, held), http.RequestAborted);
        await activity.RecordAsync(ActivityEntries.Of(http, PanelActivityEvents.SubuserCreated, time, s.Uuid,
            new JsonObject { ["email"] = sub.User!.Email, ["permissions"] = Permissions(sub) }), db, http.RequestAborted);
        return Results.Json(SubuserTransformer.Instance.Item(sub));
    }

    private static async Task<IResult> UpdateAsync(string server, string user, HttpContext http, PanelDb db, SubuserService subs, ActivityWriter activity, TimeProvider time)
    {
        var scope = await ClientServerAccess.RequireAsync(http, db, server, "user.update");
        var (s, held) = (scope.Server, scope.Permissions);
        var target = UserUuid(user);
        await subs.FindAsync(s, target, http.RequestAborted);
        if (target == Caller.Of(http).User.Uuid)
        {
            // Nobody edits their own permissions: a subuser with user.update could otherwise widen their own.
            throw PanelProblem.Unauthorized();
        }
        var input = await ApiBody.ReadAsync(http.Request, http.RequestAborted);
        var permissions = input.StringArray("permissions", required: true);
        input.ThrowIfInvalid();
        var (sub, before, changed) = await subs.UpdateAsync(s, target, permissions!, Granter(http, s, held), http.RequestAborted);
        if (!changed)
        {
            return Results.Json(SubuserTransformer.Instance.Item(sub));
        }
        await activity.RecordAsync(ActivityEntries.Of(http, PanelActivityEvents.SubuserUpdated, time, s.Uuid, new JsonObject
        {
            ["email"] = sub.User!.Email,
            ["old"] = new JsonArray([.. before.Select(p => (JsonNode?)p)]),
            ["new"] = Permissions(sub),
        }), db, http.RequestAborted);
        return Results.Json(SubuserTransformer.Instance.Item(sub));
    }

    /// <summary>Whose permissions bound a grant: none for the owner and administrators, the subuser's own list otherwise.</summary>
    private static IReadOnlyList<string>? Granter(HttpContext http, GameServer server, IReadOnlyList<string> held)
    {
        var user = Caller.Of(http).User;
        return user.Admin || user.Id == server.OwnerId ? null : held;
    }

    private static JsonArray Permissions(Subuser sub) => new([.. Json.Read<List<string>>(sub.PermissionsJson).Select(p => (JsonNode?)p)]);

    /// <summary>A <c>{user}</c> that is not a UUID names no subuser of this server.</summary>
    private static Guid UserUuid(string text) =>
        Guid.TryParse(text, out var uuid) ? uuid : throw new PanelProblem(404, ClientServerAccess.NotForThisServerText, ApiErrorCodes.NotFound);
}
