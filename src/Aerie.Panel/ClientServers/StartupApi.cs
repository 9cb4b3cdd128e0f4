using System.Text.Json;
using System.Text.Json.Nodes;
using Aerie.Panel.Api;
using Aerie.Panel.Data;
using Aerie.Panel.Eggs;
using Aerie.Panel.Http;
using Aerie.Panel.NodeCalls;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.ClientServers;

/// <summary>
/// <c>GET …/startup</c> and <c>PUT …/startup/variable</c> (spec 04 §2.4, spec 05 §5.1): the variables a user may
/// see, with the startup command as they may see it, and the change of one editable variable, checked against its
/// egg rules, after which the node re-syncs so the next start uses the value.
/// </summary>
internal static class StartupApi
{
    public const string StartupUpdate = "startup.update";
    public const string StartupEdit = "server:startup.edit";
    public const string NoSuchVariableText = "The environment variable you are trying to edit does not exist.";
    public const string ReadOnlyText = "The environment variable you are trying to edit is read-only.";

    public static RouteGroupBuilder MapStartup(this RouteGroupBuilder group)
    {
        group.MapGet("/servers/{server}/startup", async (string server, HttpContext http, PanelDb db) =>
        {
            var scope = await ClientServerAccess.RequireAsync(http, db, server, ClientServerTransformer.StartupRead);
            var s = scope.Server;
            var views = await ViewsAsync(db, s, http.RequestAborted);
            var egg = s.EggId is { } eggId ? await db.Eggs.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eggId, http.RequestAborted) : null;
            var meta = await MetaAsync(db, s, views, canReadStartup: true, http.RequestAborted);
            meta["docker_images"] = JsonNode.Parse(egg?.DockerImagesJson ?? "{}") as JsonObject ?? [];
            var list = ServerVariableTransformer.Instance.List(views.Where(v => VariableAccess.UserViewable(v.Variable)));
            return Results.Json(Fractal.WithMeta(list, meta));
        });
        group.MapPut("/servers/{server}/startup/variable", async (string server, HttpContext http, PanelDb db, NodeCallOutbox outbox) =>
        {
            var scope = await ClientServerAccess.RequireAsync(http, db, server, StartupUpdate);
            var input = await ApiBody.ReadAsync(http.Request, http.RequestAborted);
            var key = input.String("key", required: true);
            var value = Value(input);
            input.ThrowIfInvalid();
            var s = scope.Server;
            var views = await ViewsAsync(db, s, http.RequestAborted);
            var view = views.FirstOrDefault(v => string.Equals(v.Variable.EnvVariable, key, StringComparison.Ordinal));
            if (view is null || !VariableAccess.UserViewable(view.Variable))
            {
                throw new PanelProblem(400, NoSuchVariableText, ApiErrorCodes.BadRequest);
            }
            if (!VariableAccess.UserEditable(view.Variable))
            {
                throw new PanelProblem(400, ReadOnlyText, ApiErrorCodes.BadRequest);
            }
            var failures = VariableRules.Check(view.Variable.Rules, value, view.Variable.Name);
            if (failures.Count > 0)
            {
                throw new PanelProblem(422, failures.Select(f => new ApiError(ApiErrorCodes.Validation, "422", f.Detail, new ApiErrorMeta("value", f.Rule))).ToList());
            }
            var stored = value ?? "";
            var old = view.Effective;
            var row = await db.ServerVariables.FirstOrDefaultAsync(v => v.ServerId == s.Id && v.VariableId == view.Variable.Id, http.RequestAborted);
            if (row is null)
            {
                db.ServerVariables.Add(new ServerVariable { ServerId = s.Id, VariableId = view.Variable.Id, Value = stored });
            }
            else
            {
                row.Value = stored;
            }
            // The node's configuration reads the environment column (spec 05 §5.4); it holds every variable's value.
            var environment = Json.Read<Dictionary<string, string>>(s.EnvironmentJson) ?? [];
            foreach (var v in views)
            {
                environment[v.Variable.EnvVariable] = v == view ? stored : v.Effective;
            }
            s.EnvironmentJson = Json.Write(environment);
            outbox.Sync(s);
            await db.SaveChangesAsync(http.RequestAborted);
            outbox.Wake();
            if (old != stored)
            {
                await ServerActivity.RecordAsync(http, scope, StartupEdit,
                    new Dictionary<string, string?> { ["variable"] = view.Variable.EnvVariable, ["old"] = old, ["new"] = stored });
            }
            var updated = view with { ServerValue = stored };
            var item = ServerVariableTransformer.Instance.Item(updated);
            views = [.. views.Select(v => v == view ? updated : v)];
            return Results.Json(Fractal.WithMeta(item, await MetaAsync(db, s, views, scope.Can(ClientServerTransformer.StartupRead), http.RequestAborted)));
        });
        return group;
    }

    /// <summary>
    /// The <c>value</c> field: present (may be null or ""), a string, or a JSON number or boolean taken as its text
    /// (<c>true</c> is <c>"1"</c>, as PHP turns it into a string). Trimmed like every request string.
    /// </summary>
    private static string? Value(ApiInput input)
    {
        if (!input.IsPresent("value"))
        {
            input.Fail("value", "present", "The value field must be present.");
            return null;
        }
        return input.Raw["value"] switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.True => "1",
            JsonValue v when v.GetValueKind() == JsonValueKind.False => "0",
            JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString(),
            _ => input.String("value"),
        };
    }

    /// <summary>Every variable of the server's egg with its value (display order: the egg's sort, then id).</summary>
    private static async Task<List<ServerVariableView>> ViewsAsync(PanelDb db, GameServer s, CancellationToken ct)
    {
        if (s.EggId is not { } eggId)
        {
            return [];
        }
        var variables = await db.EggVariables.AsNoTracking().Where(v => v.EggId == eggId).ToListAsync(ct);
        var values = await db.ServerVariables.AsNoTracking().Where(v => v.ServerId == s.Id).ToListAsync(ct);
        return variables.OrderBy(v => v.Sort ?? int.MaxValue).ThenBy(v => v.Id)
            .Select(v => new ServerVariableView(v, values.FirstOrDefault(x => x.VariableId == v.Id)?.Value))
            .ToList();
    }

    private static async Task<JsonObject> MetaAsync(PanelDb db, GameServer s, IReadOnlyList<ServerVariableView> views, bool canReadStartup, CancellationToken ct)
    {
        var primary = s.AllocationId is { } id ? await db.Allocations.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) : null;
        return new JsonObject
        {
            ["startup_command"] = StartupInvocation.For(s, primary, views, canReadStartup),
            ["raw_startup_command"] = s.Invocation,
        };
    }
}
