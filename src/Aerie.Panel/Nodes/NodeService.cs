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
        var node = await db.Nodes.FirstOrDefaultAsync(n => n.Id == id, ct) ?? throw PanelProblem.NotFound("Node");
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

    public async Task<PanelNode> CreateAsync(NodeRequest body, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var node = new PanelNode
        {
            CreatedAt = now,
            UpdatedAt = now,
            Name = ValidName(body.Name),
            InternalUrl = ValidUrl(body.InternalUrl, "internalUrl"),
            PublicScheme = ValidScheme(body.PublicScheme),
            PublicHost = ValidHost(body.PublicHost),
            PublicPort = ValidPort(body.PublicPort ?? (body.PublicScheme == "https" ? 443 : 80)),
            TokenId = Secrets.Random(16),
            TokenSecretProtected = secrets.Protect(Secrets.Random(64)),
        };
        node.DaemonListen = new Uri(node.InternalUrl).Port;
        node.LocationId = (await locations.DefaultAsync(ct)).Id;
        await EnsureUniqueAsync(node, ct);
        db.Nodes.Add(node);
        await db.SaveChangesAsync(ct);
        return node;
    }

    /// <summary>Splits a public URL such as <c>https://node.example.com:8443</c> into scheme, host, port.</summary>
    public static NodeRequest WithPublicUrl(NodeRequest body, string publicUrl)
    {
        if (!Uri.TryCreate(publicUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw PanelProblem.Invalid("public URL must be an absolute http(s) URL.");
        }
        return body with { PublicScheme = uri.Scheme, PublicHost = uri.Host, PublicPort = uri.Port };
    }

    public async Task<PanelNode> FindAsync(string idOrName, CancellationToken ct)
    {
        var node = int.TryParse(idOrName, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await db.Nodes.FirstOrDefaultAsync(n => n.Id == id, ct)
            : await db.Nodes.FirstOrDefaultAsync(n => n.Name == idOrName, ct);
        return node ?? throw PanelProblem.NotFound("Node");
    }

    public async Task<PanelNode> UpdateAsync(int id, NodeRequest body, CancellationToken ct)
    {
        var node = await db.Nodes.FirstOrDefaultAsync(n => n.Id == id, ct) ?? throw PanelProblem.NotFound("Node");
        node.Name = body.Name is null ? node.Name : ValidName(body.Name);
        node.InternalUrl = body.InternalUrl is null ? node.InternalUrl : ValidUrl(body.InternalUrl, "internalUrl");
        node.PublicScheme = body.PublicScheme is null ? node.PublicScheme : ValidScheme(body.PublicScheme);
        node.PublicHost = body.PublicHost is null ? node.PublicHost : ValidHost(body.PublicHost);
        node.PublicPort = body.PublicPort is null ? node.PublicPort : ValidPort(body.PublicPort.Value);
        node.DaemonListen = new Uri(node.InternalUrl).Port;
        node.UpdatedAt = time.GetUtcNow();
        await EnsureUniqueAsync(node, ct);
        await db.SaveChangesAsync(ct);
        return node;
    }

    public async Task DeleteAsync(int id, CancellationToken ct)
    {
        var node = await db.Nodes.FirstOrDefaultAsync(n => n.Id == id, ct) ?? throw PanelProblem.NotFound("Node");
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

    private async Task EnsureUniqueAsync(PanelNode node, CancellationToken ct)
    {
        if (await db.Nodes.AnyAsync(n => n.Id != node.Id && n.Name == node.Name, ct))
        {
            throw PanelProblem.Conflict("A node with that name already exists.");
        }
    }

    private static string ValidName(string? v) =>
        v?.Trim() is { Length: >= 1 and <= 100 } t ? t : throw PanelProblem.Invalid("name must be 1-100 characters.");

    private static string ValidUrl(string? v, string field) =>
        Uri.TryCreate(v, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" && v!.Length <= 500
            ? v.TrimEnd('/')
            : throw PanelProblem.Invalid(field + " must be an absolute http(s) URL.");

    private static string ValidScheme(string? v) =>
        v is "http" or "https" ? v : throw PanelProblem.Invalid("publicScheme must be http or https.");

    private static string ValidHost(string? v) =>
        v is { Length: >= 1 and <= 253 } && Uri.CheckHostName(v) != UriHostNameType.Unknown ? v : throw PanelProblem.Invalid("publicHost must be a host name or IP address.");

    private static int ValidPort(int v) => v is >= 1 and <= 65535 ? v : throw PanelProblem.Invalid("publicPort must be 1-65535.");
}
