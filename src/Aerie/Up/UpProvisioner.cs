using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Aerie.Panel.Eggs.BuiltIn;
using Aerie.Panel.Nodes;
using Aerie.Panel.Servers;
using Aerie.Panel.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Up;

/// <summary>
/// Makes sure the administrator, the local node and the demo server exist, through the panel's own
/// services (validation, outbox, secrets). Idempotent: later runs find them by name and only refresh
/// what follows the machine (node URL, demo game path) or the built-in demo template.
/// </summary>
internal static class UpProvisioner
{
    public const string AdminUsername = "admin";
    public const string AdminEmail = "admin@localhost";
    public const string NodeName = "local";
    public const string DemoServerName = "demo";

    /// <summary>The administrator and the local node; the node's secret comes back for its config file.</summary>
    public static async Task<UpProvisioned> EnsureAdminAndNodeAsync(IServiceProvider services, string nodeUrl, string? adminPassword, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<PanelDb>();
        var (admin, password) = await EnsureAdminAsync(db, sp.GetRequiredService<UserService>(), adminPassword, ct);
        var node = await EnsureNodeAsync(db, sp.GetRequiredService<NodeService>(), nodeUrl, ct);
        var secret = sp.GetRequiredService<NodeSecrets>().TryUnprotect(node.TokenSecretProtected)
            ?? throw new UpError("the local node's secret cannot be decrypted (was the keys/ folder replaced?); reset the data folder");
        return new UpProvisioned(admin.Uuid, password, node, secret, Guid.Empty, "");
    }

    /// <summary>Run once the node listens: a new server reaches it through the panel's outbox (node API
    /// <c>POST /api/servers</c>); an existing one was in the node's boot listing.</summary>
    public static async Task<UpProvisioned> EnsureDemoServerAsync(IServiceProvider services, UpProvisioned provisioned, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<PanelDb>();
        var admin = await db.Users.FirstAsync(u => u.Uuid == provisioned.AdminUuid, ct);
        var server = await EnsureDemoServerAsync(db, sp.GetRequiredService<ServerProvisioning>(), sp.GetRequiredService<ServerService>(), admin, provisioned.Node, ct);
        return provisioned with { DemoServerUuid = server.Uuid, DemoServerIdentifier = server.Identifier };
    }

    /// <returns>the admin and the password to print (null when it was not just chosen)</returns>
    private static async Task<(PanelUser, UpPassword?)> EnsureAdminAsync(PanelDb db, UserService users, string? wanted, CancellationToken ct)
    {
        var admin = await db.Users.FirstOrDefaultAsync(u => u.Username == AdminUsername, ct);
        if (admin is null)
        {
            var password = wanted ?? Secrets.Random(20);
            admin = await users.CreateAsync(AdminUsername, AdminEmail, password, admin: true, ct);
            return (admin, new UpPassword(password, Generated: wanted is null));
        }
        // A set AERIE_ADMIN_PASSWORD wins on every start: the way back in when a generated password is lost.
        if (wanted is not null && await users.VerifyLoginAsync(AdminUsername, wanted, ct) is null)
        {
            admin = await users.ResetPasswordAsync(admin.Id, wanted, ct);
            return (admin, new UpPassword(wanted, Generated: false));
        }
        return (admin, null);
    }

    private static async Task<PanelNode> EnsureNodeAsync(PanelDb db, NodeService nodes, string nodeUrl, CancellationToken ct)
    {
        var request = await nodes.UrlDetailsAsync(NodeName, nodeUrl, nodeUrl, ct);
        var node = await db.Nodes.FirstOrDefaultAsync(n => n.Name == NodeName, ct);
        if (node is null)
        {
            return await nodes.CreateAsync(request, ct);
        }
        var uri = new Uri(nodeUrl);
        var same = node.InternalUrl.TrimEnd('/') == nodeUrl.TrimEnd('/') && node.PublicScheme == uri.Scheme && node.PublicHost == uri.Host && node.PublicPort == uri.Port;
        return same ? node : await nodes.ReplaceAsync(node.Id, request, resetSecret: false, ct);
    }

    /// <summary>The demo server, made from the built-in demo template and linked to its egg. A demo server made by
    /// an older <c>aerie up</c> (a raw command, no egg, no image) is updated in place: same uuid and files, now the
    /// template's startup, image and variables.</summary>
    private static async Task<GameServer> EnsureDemoServerAsync(PanelDb db, ServerProvisioning provisioning, ServerService servers, PanelUser admin, PanelNode node, CancellationToken ct)
    {
        var egg = await db.Eggs.AsNoTracking().FirstOrDefaultAsync(e => e.Uuid == BuiltInTemplates.DemoGameUuid && e.Nest!.Uuid == BuiltInTemplates.NestUuid, ct)
            ?? throw new UpError("the built-in template \"Aerie demo game\" is not in the panel (the panel adds it at every start)");
        var request = DemoServer.Request(admin.Uuid, node.Id);
        var server = await db.Servers.FirstOrDefaultAsync(s => s.Name == DemoServerName && s.NodeId == node.Id && s.OwnerId == admin.Id, ct);
        if (server is not null && server.BackupLimit is null)
        {
            // A demo from before it had a backup limit gets one; a limit the admin set (0 included) stays.
            server.BackupLimit = DemoServer.BackupLimit;
            await db.SaveChangesAsync(ct);
        }
        if (server is null)
        {
            server = await provisioning.CreateRawAsync(request, ct);
        }
        else if (server.Invocation != request.Invocation || server.Image != request.Image || server.EggId != egg.Id
            || !DemoServer.SameEnvironment(server.EnvironmentJson, request))
        {
            // The build folder may have moved since the last run, or the server predates the template.
            server = await servers.UpdateAsync(server.Uuid, request with { OwnerUuid = null, BackupLimit = null }, ct);
        }
        else
        {
            return server;
        }
        await LinkToEggAsync(db, server.Id, egg.Id, request.Environment!, ct);
        return server;
    }

    /// <summary>Makes the server the egg's, with one value row per egg variable (what the Startup page shows).</summary>
    private static async Task LinkToEggAsync(PanelDb db, int serverId, int eggId, Dictionary<string, string> environment, CancellationToken ct)
    {
        var row = await db.Servers.FirstAsync(s => s.Id == serverId, ct);
        row.EggId = eggId;
        var variables = await db.EggVariables.Where(v => v.EggId == eggId).ToListAsync(ct);
        var values = await db.ServerVariables.Where(v => v.ServerId == serverId).ToDictionaryAsync(v => v.VariableId, ct);
        foreach (var v in variables)
        {
            var value = environment.TryGetValue(v.EnvVariable, out var set) ? set : v.DefaultValue;
            if (values.TryGetValue(v.Id, out var stored))
            {
                stored.Value = value;
            }
            else
            {
                db.ServerVariables.Add(new ServerVariable { ServerId = serverId, VariableId = v.Id, Value = value });
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
