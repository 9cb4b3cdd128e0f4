using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Aerie.Panel.Data;

/// <summary>Design-time PostgreSQL context; the connection string is never opened by <c>migrations add</c>.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPanelDb>
{
    public PostgresPanelDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPanelDb>().UseNpgsql("Host=localhost;Database=design").Options);
}
