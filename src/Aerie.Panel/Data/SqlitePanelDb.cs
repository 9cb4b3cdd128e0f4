using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Aerie.Panel.Data;

/// <summary>The SQLite flavour; its migrations live in Data/Migrations/Sqlite.</summary>
internal sealed class SqlitePanelDb(DbContextOptions<SqlitePanelDb> options) : PanelDb(options)
{
    // SQLite cannot order by a DateTimeOffset. The activity time is stored in the very text the provider writes
    // anyway (so existing rows read the same), which, always in UTC, sorts as it reads: the activity lists can
    // then sort by time in the database.
    private static readonly ValueConverter<DateTimeOffset, string> UtcText = new(
        v => v.ToUniversalTime().ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture),
        v => DateTimeOffset.Parse(v, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal));

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<ActivityRecord>().Property(a => a.Timestamp).HasConversion(UtcText);
        // The backup throttle and the pending/failed sweeps compare times in the database.
        modelBuilder.Entity<Backup>(e =>
        {
            e.Property(b => b.CreatedAt).HasConversion(UtcText);
            e.Property(b => b.CompletedAt).HasConversion(UtcText);
            e.Property(b => b.DeletedAt).HasConversion(UtcText);
        });
    }
}
