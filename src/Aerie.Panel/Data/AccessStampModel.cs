using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Data;

/// <summary>The <see cref="AccessStamp"/> table's mapping, kept apart from <see cref="PanelDb"/>'s.</summary>
internal static class AccessStampModel
{
    public static void Configure(ModelBuilder modelBuilder) => modelBuilder.Entity<AccessStamp>(e =>
    {
        e.Property(a => a.Id).ValueGeneratedNever();
        // The row exists from the migration on, so a trigger's raise is always an UPDATE of it.
        e.HasData(new AccessStamp { Id = AccessStamp.RowId, Version = 0 });
    });
}
