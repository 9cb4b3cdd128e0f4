using System.Data.Common;
using Aerie.Panel.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Credentials;

/// <summary>
/// Reads <see cref="AccessStamp.Version"/> on one connection of its own, kept open, with one prepared statement: the
/// read every credentials request makes first. Opening a pooled EF connection per request (pool, pragma, SQLite
/// functions) cost more than the read itself. Reads take turns (a few microseconds each); outside any transaction,
/// each sees the latest commit. A failed read drops the connection, the next one opens it again.
/// </summary>
internal sealed class AccessStampReader(IServiceScopeFactory scopes) : IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private DbConnection? connection;
    private DbCommand? command;

    public async Task<long?> ReadAsync(CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            command ??= await OpenAsync(ct);
            try
            {
                return await command.ExecuteScalarAsync(ct) is { } value and not DBNull ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : null;
            }
            catch (DbException)
            {
                await CloseAsync();
                throw;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<DbCommand> OpenAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PanelDb>();
        var sql = db.GetService<ISqlGenerationHelper>();
        // A connection of the provider's own type on the same database, not one from EF's pool.
        connection = (DbConnection)Activator.CreateInstance(db.Database.GetDbConnection().GetType())!;
        connection.ConnectionString = db.Database.GetConnectionString();
        await connection.OpenAsync(ct);
        var read = connection.CreateCommand();
        read.CommandText = $"SELECT {sql.DelimitIdentifier(nameof(AccessStamp.Version))} FROM {sql.DelimitIdentifier("AccessStamps")} "
            + $"WHERE {sql.DelimitIdentifier(nameof(AccessStamp.Id))} = {AccessStamp.RowId}";
        await read.PrepareAsync(ct);
        return read;
    }

    private async Task CloseAsync()
    {
        if (command is not null)
        {
            await command.DisposeAsync();
        }
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
        (command, connection) = (null, null);
    }

    public async ValueTask DisposeAsync()
    {
        await gate.WaitAsync();
        try
        {
            await CloseAsync();
        }
        finally
        {
            gate.Release();
        }
    }
}
