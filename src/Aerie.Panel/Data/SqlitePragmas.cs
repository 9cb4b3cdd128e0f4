using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Aerie.Panel.Data;

/// <summary>
/// Sets <c>synchronous=NORMAL</c> on every connection EF opens (the pragma is per connection, and pooled
/// connections are reused, so it costs one cheap statement per open). Under WAL (set at migration) NORMAL
/// is durable across an application crash and skips the fsync per commit that FULL pays; only the last
/// commits can be lost on power loss.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public const string Sql = "PRAGMA synchronous=NORMAL;";

    public static SqlitePragmas Instance { get; } = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Sql;
        command.ExecuteNonQuery();
    }
}
