using System.Text.Json.Nodes;
using Aerie.Panel.Api;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Aerie.Panel.NodeCalls;
using Aerie.Panel.Nodes;
using Aerie.Panel.Servers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.ClientServers;

/// <summary><c>…/settings/rename</c>, <c>…/settings/reinstall</c> and <c>…/settings/docker-image</c> (spec 04 §2.4).</summary>
internal static class ServerSettingsApi
{
    public const string SettingsRename = "settings.rename";
    public const string SettingsReinstall = "settings.reinstall";
    public const string StartupDockerImage = "startup.docker-image";
    public const string ManualImageText = "This server's Docker image has been manually set by an administrator and cannot be updated.";

    public static RouteGroupBuilder MapServerSettings(this RouteGroupBuilder group)
    {
        group.MapPost("/servers/{server}/settings/rename", async (string server, HttpContext http, PanelDb db, NodeCallOutbox outbox) =>
        {
            var scope = (await ClientServerAccess.ResolveAsync(http, db, server)).Usable().Require(SettingsRename);
            var input = await ApiBody.ReadAsync(http.Request, http.RequestAborted);
            var name = input.String("name", required: true, min: 1, max: 191);
            var description = input.String("description");
            input.ThrowIfInvalid();
            var s = scope.Server;
            var (oldName, oldDescription) = (s.Name, s.Description);
            s.Name = name!;
            if (input.IsPresent("description"))
            {
                s.Description = description ?? "";
            }
            // The node's copy of the configuration carries the name (spec 03 settings.meta).
            outbox.Sync(s);
            await db.SaveChangesAsync(http.RequestAborted);
            outbox.Wake();
            if (oldName != s.Name)
            {
                await ServerActivity.RecordAsync(http, scope, ServerActivity.Rename, new Dictionary<string, string?> { ["old"] = oldName, ["new"] = s.Name });
            }
            if (oldDescription != s.Description)
            {
                await ServerActivity.RecordAsync(http, scope, ServerActivity.Description, new Dictionary<string, string?> { ["old"] = oldDescription, ["new"] = s.Description });
            }
            return Results.NoContent();
        });
        group.MapPost("/servers/{server}/settings/reinstall", async (string server, HttpContext http, PanelDb db, NodeClient nodes, NodeSecrets secrets, PanelOptions options) =>
        {
            var scope = (await ClientServerAccess.ResolveAsync(http, db, server)).Usable().Require(SettingsReinstall);
            var s = scope.Server;
            var before = s.Status;
            // Installing before the node is asked, so its completion report (which clears it) can only come after.
            s.Status = ServerStatuses.Installing;
            await db.SaveChangesAsync(http.RequestAborted);
            var failure = await ServerControlApi.TryCallNodeAsync(scope, nodes, secrets, options, $"/api/servers/{s.Uuid}/reinstall", "", CancellationToken.None);
            if (failure is not null)
            {
                // Nothing half-done: the node did not start, so the server keeps its state.
                await db.Servers.Where(x => x.Id == s.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, before), CancellationToken.None);
                throw failure;
            }
            await ServerActivity.RecordAsync(http, scope, ServerActivity.Reinstall);
            return Results.Json(new JsonArray(), statusCode: StatusCodes.Status202Accepted);
        });
        group.MapPut("/servers/{server}/settings/docker-image", async (string server, HttpContext http, PanelDb db, NodeCallOutbox outbox) =>
        {
            var scope = (await ClientServerAccess.ResolveAsync(http, db, server)).Usable().Require(StartupDockerImage);
            var s = scope.Server;
            var egg = s.EggId is { } eggId ? await db.Eggs.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eggId, http.RequestAborted) : null;
            var images = (JsonNode.Parse(egg?.DockerImagesJson ?? "{}") as JsonObject ?? []).Select(i => i.Value?.ToString() ?? "").ToList();
            var input = await ApiBody.ReadAsync(http.Request, http.RequestAborted);
            var image = input.String("docker_image", required: true, max: 191);
            if (image is not null && !images.Contains(image, StringComparer.Ordinal))
            {
                input.Fail("docker_image", "in", "The selected docker image is invalid.");
            }
            input.ThrowIfInvalid();
            if (!images.Contains(s.Image, StringComparer.Ordinal))
            {
                throw new PanelProblem(400, ManualImageText, ApiErrorCodes.BadRequest);
            }
            var old = s.Image;
            s.Image = image!;
            outbox.Sync(s);
            await db.SaveChangesAsync(http.RequestAborted);
            outbox.Wake();
            if (old != s.Image)
            {
                await ServerActivity.RecordAsync(http, scope, ServerActivity.Image, new Dictionary<string, string?> { ["old"] = old, ["new"] = s.Image });
            }
            return Results.NoContent();
        });
        return group;
    }
}
