using System.Globalization;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Nodes;

internal sealed partial class NodeService(PanelDb db, NodeSecrets secrets, Locations.LocationService locations, TimeProvider time)
{
    public const string HasServersText = "A node must have no servers linked to it in order to be deleted.";

    /// <summary>The Application API's create: a fresh token; the public address is fqdn/scheme (and daemon_listen unless behind a proxy).</summary>
    public async Task<PanelNode> CreateAsync(NodeDetails details, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var node = new PanelNode
        {
            Name = "",
            InternalUrl = "",
            PublicScheme = "",
            PublicHost = "",
            TokenId = Secrets.Random(16),
            TokenSecretProtected = secrets.Protect(Secrets.Random(64)),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await ApplyAsync(node, details, ct);
        db.Nodes.Add(node);
        await db.SaveChangesAsync(ct);
        return node;
    }

    /// <summary>The Application API's PATCH (every required field again); <paramref name="resetSecret"/> issues a new token.</summary>
    public async Task<PanelNode> ReplaceAsync(int id, NodeDetails details, bool resetSecret, CancellationToken ct)
    {
        var node = await db.Nodes.FirstOrDefaultAsync(n => n.Id == id, ct) ?? throw new PanelProblem(404, Api.ApiErrorCodes.ResourceNotFoundText);
        await ApplyAsync(node, details, ct);
        if (resetSecret)
        {
            node.TokenId = Secrets.Random(16);
            node.TokenSecretProtected = secrets.Protect(Secrets.Random(64));
        }
        node.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return node;
    }

    private async Task ApplyAsync(PanelNode node, NodeDetails d, CancellationToken ct)
    {
        if (!PteroName().IsMatch(d.Name))
        {
            throw PanelProblem.Field("name", "regex", "The name field format is invalid.");
        }
        if (!await db.Locations.AnyAsync(l => l.Id == d.LocationId, ct))
        {
            throw PanelProblem.Field("location_id", "exists", "The selected location id is invalid.");
        }
        if (d.Scheme is not ("http" or "https"))
        {
            throw PanelProblem.Field("scheme", "in", "The selected scheme is invalid.");
        }
        if (d.Fqdn.Length is 0 or > 253 || Uri.CheckHostName(d.Fqdn) == UriHostNameType.Unknown)
        {
            throw PanelProblem.Field("fqdn", "fqdn", "The fqdn field must be a valid host name or IP address.");
        }
        foreach (var (value, field) in new[] { (d.DaemonListen, "daemon_listen"), (d.DaemonSftp, "daemon_sftp") })
        {
            if (value is < 1 or > 65535)
            {
                throw PanelProblem.Field(field, "between", $"The {field.Replace('_', ' ')} field must be between 1 and 65535.");
            }
        }
        if (d.Memory < 0 || d.Disk < 0)
        {
            throw PanelProblem.Field(d.Memory < 0 ? "memory" : "disk", "min", $"The {(d.Memory < 0 ? "memory" : "disk")} field must be at least 0.");
        }
        if (d.MemoryOverallocate < -1 || d.DiskOverallocate < -1)
        {
            var f = d.MemoryOverallocate < -1 ? "memory_overallocate" : "disk_overallocate";
            throw PanelProblem.Field(f, "min", $"The {f.Replace('_', ' ')} field must be at least -1.");
        }
        if (d.UploadSize is < 1 or > 1024)
        {
            throw PanelProblem.Field("upload_size", "between", "The upload size field must be between 1 and 1024.");
        }
        var derivedBefore = $"{node.PublicScheme}://{node.PublicHost}:{node.DaemonListen}";
        var keepInternal = node.InternalUrl.Length > 0 && node.InternalUrl != derivedBefore;
        node.Name = d.Name;
        node.LocationId = d.LocationId;
        node.PublicScheme = d.Scheme;
        node.PublicHost = d.Fqdn;
        node.DaemonListen = d.DaemonListen;
        node.PublicPort = d.BehindProxy ? (d.Scheme == "https" ? 443 : 80) : d.DaemonListen;
        node.InternalUrl = d.InternalUrl is not null ? ValidUrl(d.InternalUrl, "internal_url")
            : keepInternal ? node.InternalUrl : $"{d.Scheme}://{d.Fqdn}:{d.DaemonListen}";
        node.DaemonSftp = d.DaemonSftp;
        node.Public = d.Public;
        node.BehindProxy = d.BehindProxy;
        node.MaintenanceMode = d.MaintenanceMode;
        node.MemoryMb = d.Memory;
        node.MemoryOverallocate = d.MemoryOverallocate;
        node.DiskMb = d.Disk;
        node.DiskOverallocate = d.DiskOverallocate;
        node.UploadSizeMb = d.UploadSize;
        node.DaemonBase = d.DaemonBase ?? node.DaemonBase;
        node.Description = d.Description ?? node.Description;
        if (await db.Nodes.AnyAsync(n => n.Id != node.Id && n.Name == node.Name, ct))
        {
            throw PanelProblem.Field("name", "unique", "The name has already been taken.");
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[\w .-]{1,100}$")]
    private static partial System.Text.RegularExpressions.Regex PteroName();

    /// <summary>
    /// The node of <c>aerie node:create</c> and <c>aerie up</c>, in the default location: a name, where the panel
    /// calls it and the public URL browsers reach it at (its port is <c>daemon_listen</c>).
    /// </summary>
    public async Task<NodeDetails> UrlDetailsAsync(string name, string internalUrl, string publicUrl, CancellationToken ct)
    {
        if (!Uri.TryCreate(publicUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw PanelProblem.Field("public_url", "url", "The public url field must be an absolute http(s) URL.");
        }
        var location = await locations.DefaultAsync(ct);
        return new NodeDetails(name, location.Id, uri.Host, uri.Scheme, 0, 0, 0, 0, uri.Port, 2022, InternalUrl: internalUrl);
    }

    /// <summary>The Application API's lookup by id; unknown → spec 04's 404.</summary>
    public async Task<PanelNode> FindAsync(int id, CancellationToken ct) =>
        await db.Nodes.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, ct) ?? throw new PanelProblem(404, Api.ApiErrorCodes.ResourceNotFoundText);

    public async Task<PanelNode> FindAsync(string idOrName, CancellationToken ct)
    {
        var node = int.TryParse(idOrName, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await db.Nodes.FirstOrDefaultAsync(n => n.Id == id, ct)
            : await db.Nodes.FirstOrDefaultAsync(n => n.Name == idOrName, ct);
        return node ?? throw PanelProblem.NotFound("Node");
    }

    public async Task DeleteAsync(int id, CancellationToken ct)
    {
        var node = await db.Nodes.FirstOrDefaultAsync(n => n.Id == id, ct) ?? throw new PanelProblem(404, Api.ApiErrorCodes.ResourceNotFoundText);
        if (await db.Servers.AnyAsync(s => s.NodeId == id, ct))
        {
            throw PanelProblem.Display(HasServersText, "HasActiveServersException");
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Outbox.Where(m => m.NodeId == id).ExecuteDeleteAsync(ct);
        db.Nodes.Remove(node);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    private static string ValidUrl(string? v, string field) =>
        Uri.TryCreate(v, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" && v!.Length <= 500
            ? v.TrimEnd('/')
            : throw PanelProblem.Field(field, "url", $"The {field.Replace('_', ' ')} field must be an absolute http(s) URL.");
}
