using Aerie.Panel.Eggs;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Data;

/// <summary>
/// The panel's database. Two provider-specific subclasses (<see cref="SqlitePanelDb"/>,
/// <see cref="PostgresPanelDb"/>) exist only so each provider has its own migration set.
/// </summary>
internal abstract class PanelDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<PanelUser> Users => Set<PanelUser>();
    public DbSet<UserSession> Sessions => Set<UserSession>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<PanelNode> Nodes => Set<PanelNode>();
    public DbSet<GameServer> Servers => Set<GameServer>();
    public DbSet<Subuser> Subusers => Set<Subuser>();
    public DbSet<ActivityRecord> Activity => Set<ActivityRecord>();
    public DbSet<OutboxMessage> Outbox => Set<OutboxMessage>();
    public DbSet<UserTwoFactor> TwoFactors => Set<UserTwoFactor>();
    public DbSet<RecoveryToken> RecoveryTokens => Set<RecoveryToken>();
    public DbSet<Location> Locations => Set<Location>();
    public DbSet<Allocation> Allocations => Set<Allocation>();
    public DbSet<Nest> Nests => Set<Nest>();
    public DbSet<Egg> Eggs => Set<Egg>();
    public DbSet<EggVariable> EggVariables => Set<EggVariable>();
    public DbSet<ServerVariable> ServerVariables => Set<ServerVariable>();
    public DbSet<Backup> Backups => Set<Backup>();
    public DbSet<Schedule> Schedules => Set<Schedule>();
    public DbSet<ScheduleTask> ScheduleTasks => Set<ScheduleTask>();
    public DbSet<RunnerLease> Leases => Set<RunnerLease>();
    public DbSet<AccessStamp> AccessStamps => Set<AccessStamp>();

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        RestampChanged();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        RestampChanged();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PanelUser>(e =>
        {
            e.HasIndex(u => u.Uuid).IsUnique();
            e.HasIndex(u => u.Email).IsUnique();
            e.HasIndex(u => u.ExternalId).IsUnique();
            e.Property(u => u.ExternalId).HasMaxLength(191);
            e.Property(u => u.FirstName).HasMaxLength(191);
            e.Property(u => u.LastName).HasMaxLength(191);
            e.Property(u => u.Language).HasMaxLength(5);
            e.HasIndex(u => u.Username).IsUnique();
            e.Property(u => u.Username).HasMaxLength(64);
            e.Property(u => u.Email).HasMaxLength(254);
        });
        modelBuilder.Entity<UserSession>(e =>
        {
            e.HasIndex(s => s.TokenHash).IsUnique();
            e.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ApiKey>(e =>
        {
            e.HasIndex(k => k.Identifier).IsUnique();
            e.HasOne(k => k.User).WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
            e.Property(k => k.Description).HasMaxLength(500);
        });
        modelBuilder.Entity<PanelNode>(e =>
        {
            e.HasIndex(n => n.Uuid).IsUnique();
            e.HasIndex(n => n.Name).IsUnique();
            e.HasIndex(n => n.TokenId).IsUnique();
            e.HasOne(n => n.Location).WithMany().HasForeignKey(n => n.LocationId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<GameServer>(e =>
        {
            e.HasKey(s => s.Id);
            e.HasAlternateKey(s => s.Uuid);
            e.HasIndex(s => s.Identifier).IsUnique();
            e.HasIndex(s => s.ExternalId).IsUnique();
            e.Property(s => s.ExternalId).HasMaxLength(191);
            e.HasOne(s => s.Egg).WithMany().HasForeignKey(s => s.EggId).OnDelete(DeleteBehavior.Restrict);
            // The primary allocation; the allocation's own ServerId is the ownership, this is only which one is primary.
            e.HasOne(s => s.Allocation).WithMany().HasForeignKey(s => s.AllocationId).OnDelete(DeleteBehavior.SetNull);
            e.HasOne(s => s.Owner).WithMany().HasForeignKey(s => s.OwnerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(s => s.Node).WithMany().HasForeignKey(s => s.NodeId).OnDelete(DeleteBehavior.SetNull);
        });
        modelBuilder.Entity<Subuser>(e =>
        {
            e.HasIndex(s => new { s.ServerUuid, s.UserId }).IsUnique();
            e.HasOne(s => s.Server).WithMany().HasForeignKey(s => s.ServerUuid).HasPrincipalKey(s => s.Uuid).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<UserTwoFactor>(e =>
        {
            e.HasKey(t => t.UserId);
            e.HasOne<PanelUser>().WithOne().HasForeignKey<UserTwoFactor>(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<RecoveryToken>(e =>
        {
            e.HasIndex(t => new { t.UserId, t.TokenHash }).IsUnique();
            e.HasOne<PanelUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Location>(e =>
        {
            e.HasIndex(l => l.Short).IsUnique();
            e.Property(l => l.Short).HasMaxLength(60);
            e.Property(l => l.Long).HasMaxLength(191);
        });
        modelBuilder.Entity<Allocation>(e =>
        {
            e.HasIndex(a => new { a.NodeId, a.Ip, a.Port }).IsUnique();
            e.HasIndex(a => a.ServerId);
            e.Property(a => a.Ip).HasMaxLength(45);
            e.Property(a => a.Alias).HasMaxLength(191);
            e.Property(a => a.Notes).HasMaxLength(256);
            e.HasOne(a => a.Node).WithMany().HasForeignKey(a => a.NodeId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(a => a.Server).WithMany().HasForeignKey(a => a.ServerId).OnDelete(DeleteBehavior.SetNull);
        });
        modelBuilder.Entity<Nest>(e => e.HasIndex(n => n.Uuid).IsUnique());
        modelBuilder.Entity<Egg>(e =>
        {
            // Unique per nest: an import of the same egg into that nest updates it in place.
            e.HasIndex(g => new { g.NestId, g.Uuid }).IsUnique();
            e.HasOne(g => g.Nest).WithMany().HasForeignKey(g => g.NestId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<EggVariable>(e =>
        {
            e.HasIndex(v => new { v.EggId, v.EnvVariable }).IsUnique();
            e.HasOne(v => v.Egg).WithMany().HasForeignKey(v => v.EggId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ServerVariable>(e =>
        {
            e.HasIndex(v => new { v.ServerId, v.VariableId }).IsUnique();
            e.HasOne(v => v.Server).WithMany().HasForeignKey(v => v.ServerId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(v => v.Variable).WithMany().HasForeignKey(v => v.VariableId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Backup>(e =>
        {
            e.HasIndex(b => b.Uuid).IsUnique();
            e.HasIndex(b => new { b.ServerId, b.CreatedAt });
            e.Property(b => b.Name).HasMaxLength(191);
            e.Property(b => b.Disk).HasMaxLength(16);
            e.Property(b => b.Checksum).HasMaxLength(191);
            e.HasOne(b => b.Server).WithMany().HasForeignKey(b => b.ServerId).OnDelete(DeleteBehavior.Cascade);
            // Deleted rows exist only for the throttle, which asks for them with IgnoreQueryFilters.
            e.HasQueryFilter(b => b.DeletedAt == null);
        });
        modelBuilder.Entity<ActivityRecord>(e => e.HasIndex(a => new { a.ServerUuid, a.Id }));
        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.HasIndex(m => m.NextAttemptUnixMs);
            e.HasIndex(m => m.ServerUuid);
        });
        ScheduleModel.Configure(modelBuilder);
        AccessStampModel.Configure(modelBuilder);
    }

    private void RestampChanged()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State != EntityState.Modified)
            {
                continue;
            }
            switch (entry.Entity)
            {
                case PanelNode node:
                    node.Stamp = Guid.NewGuid();
                    break;
                case GameServer server:
                    server.Stamp = Guid.NewGuid();
                    break;
                default:
                    break;
            }
        }
    }
}
