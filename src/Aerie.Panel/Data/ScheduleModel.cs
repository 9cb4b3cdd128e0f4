using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Data;

/// <summary>The schedule tables' mapping, kept apart from <see cref="PanelDb"/>'s so other features' changes do not meet it.</summary>
internal static class ScheduleModel
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Schedule>(e =>
        {
            e.Property(s => s.Name).HasMaxLength(191);
            e.Property(s => s.CronMinute).HasMaxLength(191);
            e.Property(s => s.CronHour).HasMaxLength(191);
            e.Property(s => s.CronDayOfMonth).HasMaxLength(191);
            e.Property(s => s.CronMonth).HasMaxLength(191);
            e.Property(s => s.CronDayOfWeek).HasMaxLength(191);
            e.Property(s => s.TimeZone).HasMaxLength(64);
            e.HasIndex(s => s.ServerId);
            e.HasIndex(s => s.NextRunUnixMs);
            e.HasOne(s => s.Server).WithMany().HasForeignKey(s => s.ServerId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ScheduleTask>(e =>
        {
            e.Property(t => t.Action).HasMaxLength(32);
            e.HasIndex(t => new { t.ScheduleId, t.SequenceId });
            e.HasIndex(t => t.DueUnixMs);
            e.HasOne(t => t.Schedule).WithMany(s => s.Tasks).HasForeignKey(t => t.ScheduleId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<RunnerLease>(e =>
        {
            e.HasKey(l => l.Name);
            e.Property(l => l.Name).HasMaxLength(64);
            e.Property(l => l.Holder).HasMaxLength(128);
            // The row exists from the migration on, so taking the lease is always an UPDATE (no insert race).
            e.HasData(new RunnerLease { Name = RunnerLease.Schedules, Holder = null, ExpiresUnixMs = 0 });
        });
    }
}
