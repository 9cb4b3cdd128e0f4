using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Data;

/// <summary>The SQLite flavour; its migrations live in Data/Migrations/Sqlite.</summary>
internal sealed class SqlitePanelDb(DbContextOptions<SqlitePanelDb> options) : PanelDb(options);
