using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Aerie.Panel.Data;

/// <summary>
/// Brings the schema up to date at start. EF's Migrate, even with nothing to apply, builds EF's services, the
/// migrations snapshot's model and the context's design-time model and compares them (its pending-model-changes
/// check): most of a panel start on an existing database. So the history table is read first over a plain
/// connection, and Migrate runs only when this assembly holds a migration the database has not recorded, or when
/// the history cannot be read (no table yet, no database yet: Migrate creates them, or reports the real error).
/// Migrate takes its own lock and re-reads the history, so two panels starting together still apply each
/// migration once.
/// </summary>
internal static class SchemaUpgrade
{
    public const string HistoryTable = "__EFMigrationsHistory";

    /// <param name="connection">a closed connection to the panel's database</param>
    /// <param name="known">this build's migration ids for the database's provider (<see cref="MigrationIds"/>)</param>
    /// <param name="migrate">applies the pending migrations (the real start passes EF's Migrate)</param>
    /// <returns>the migrations that were pending; empty = the database was current and <paramref name="migrate"/> was not called</returns>
    public static async Task<IReadOnlyList<string>> EnsureCurrentAsync(DbConnection connection, IReadOnlyList<string> known,
        Func<CancellationToken, Task> migrate, CancellationToken ct = default)
    {
        var applied = await AppliedAsync(connection, ct);
        // Ids the database has that this build does not know (a newer panel ran) are ignored, as Migrate ignores them.
        var pending = applied is null ? known : [.. known.Where(id => !applied.Contains(id))];
        if (pending.Count > 0)
        {
            await migrate(ct);
        }
        return pending;
    }

    /// <summary>The ids EF's migrations assembly finds for <paramref name="context"/>, in the order it applies them.</summary>
    public static IReadOnlyList<string> MigrationIds(Type context) =>
    [
        .. context.Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(Migration)) && !t.IsAbstract && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == context)
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
            .OfType<string>()
            .Order(StringComparer.OrdinalIgnoreCase),
    ];

    /// <returns>null when the history cannot be read</returns>
    private static async Task<HashSet<string>?> AppliedAsync(DbConnection connection, CancellationToken ct)
    {
        try
        {
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT \"MigrationId\" FROM \"{HistoryTable}\"";
            await using var reader = await command.ExecuteReaderAsync(ct);
            var applied = new HashSet<string>(StringComparer.Ordinal);
            while (await reader.ReadAsync(ct))
            {
                applied.Add(reader.GetString(0));
            }
            return applied;
        }
        catch (DbException)
        {
            return null;
        }
        finally
        {
            await connection.CloseAsync();
        }
    }
}
