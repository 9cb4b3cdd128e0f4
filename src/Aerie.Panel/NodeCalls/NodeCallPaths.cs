using System.Linq.Expressions;
using Aerie.Panel.Data;

namespace Aerie.Panel.NodeCalls;

/// <summary>The node API paths the outbox calls, and which of them are revocations: those travel in their own lane
/// (<see cref="OutboxProcessor"/>) so that a create or sync the node keeps failing never holds them back.</summary>
internal static class NodeCallPaths
{
    public const string Deauthorize = "/api/deauthorize-user";
    public const string DenySuffix = "/ws/deny";

    public static string Deny(Guid server) => $"/api/servers/{server}{DenySuffix}";

    /// <summary>Translatable by EF (SQLite and PostgreSQL): revocation rows.</summary>
    public static readonly Expression<Func<OutboxMessage, bool>> IsRevocation =
        m => m.Path == Deauthorize || m.Path.EndsWith(DenySuffix);

    /// <summary>Every other row: server lifecycle (create, sync, delete), delivered in order.</summary>
    public static readonly Expression<Func<OutboxMessage, bool>> IsLifecycle =
        m => m.Path != Deauthorize && !m.Path.EndsWith(DenySuffix);
}
