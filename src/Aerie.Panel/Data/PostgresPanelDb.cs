using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Data;

/// <summary>The PostgreSQL flavour; its migrations live in Data/Migrations/Postgres.</summary>
internal sealed class PostgresPanelDb(DbContextOptions<PostgresPanelDb> options) : PanelDb(options);
