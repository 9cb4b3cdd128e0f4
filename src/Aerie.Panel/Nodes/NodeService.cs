using System.Globalization;
using Aerie.Panel.Auth;
using Aerie.Panel.Data;
using Aerie.Panel.Http;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Nodes;

internal sealed class NodeService(PanelDb db, NodeSecrets secrets)
{
    public async Task<PanelNode> CreateAsync(NodeRequest body, CancellationToken ct)
    {
        var node = new PanelNode
        {
            Name = ValidName(body.Name),
            InternalUrl = ValidUrl(body.InternalUrl, "internalUrl"),
            PublicScheme = ValidScheme(body.PublicScheme),
            PublicHost = ValidHost(body.PublicHost),
            PublicPort = ValidPort(body.PublicPort ?? (body.PublicScheme == "https" ? 443 : 80)),
            TokenId = Secrets.Random(16),
            TokenSecretProtected = secrets.Protect(Secrets.Random(64)),
        };
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
        await EnsureUniqueAsync(node, ct);
        await db.SaveChangesAsync(ct);
        return node;
    }

    public async Task DeleteAsync(int id, CancellationToken ct)
    {
        var node = await db.Nodes.FirstOrDefaultAsync(n => n.Id == id, ct) ?? throw PanelProblem.NotFound("Node");
        if (await db.Servers.AnyAsync(s => s.NodeId == id, ct))
        {
            throw PanelProblem.Conflict("Node still has servers; move or delete them first.");
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
