using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Aerie.Panel.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build each flavour without a running host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePanelDb>
{
    public SqlitePanelDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePanelDb>().UseSqlite("Data Source=design.db").Options);
}
