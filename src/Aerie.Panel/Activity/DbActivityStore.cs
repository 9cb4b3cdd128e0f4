using Aerie.Panel.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Activity;

/// <summary>
/// Saves a batch of activity rows with one prepared INSERT run once per row in one transaction. EF's SaveChanges
/// tracked, batched and re-parsed every row, and was the largest cost of a credentials storm after Kestrel; the
/// columns, their SQL types and value conversions still come from EF's model (<see cref="RelationalTypeMapping"/>),
/// so a row is stored exactly as SaveChanges would store it, on either database.
/// </summary>
internal sealed class DbActivityStore(IServiceScopeFactory scopes) : IActivityStore
{
    public async Task SaveAsync(IReadOnlyList<ActivityRecord> rows, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PanelDb>();
        var insert = InsertOf(db);
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = db.Database.GetDbConnection();
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = insert.Sql;
            foreach (var row in rows)
            {
                command.Parameters.Clear();
                for (var i = 0; i < insert.Columns.Length; i++)
                {
                    var (property, mapping) = insert.Columns[i];
                    command.Parameters.Add(mapping.CreateParameter(command, "@p" + i, property.GetGetter().GetClrValue(row), property.IsNullable));
                }
                await command.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public async Task<bool> ReachableAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PanelDb>().Database.CanConnectAsync(ct);
    }

    private sealed record Insert(string Sql, (IProperty Property, RelationalTypeMapping Mapping)[] Columns);

    // One per database kind (the model, and so the SQL, differs between SQLite and PostgreSQL).
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Insert> Inserts = new();

    private static Insert InsertOf(PanelDb db) => Inserts.GetOrAdd(db.GetType(), _ =>
    {
        var entity = db.Model.FindEntityType(typeof(ActivityRecord)) ?? throw new InvalidOperationException("ActivityRecord is not in the model");
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = entity.GetProperties().Where(p => !p.IsPrimaryKey())
            .Select(p => (Property: p, Mapping: p.GetRelationalTypeMapping())).ToArray();
        var names = string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName())));
        var values = string.Join(", ", columns.Select((_, i) => "@p" + i));
        return new Insert($"INSERT INTO {sql.DelimitIdentifier(entity.GetTableName()!)} ({names}) VALUES ({values})", columns);
    });
}
