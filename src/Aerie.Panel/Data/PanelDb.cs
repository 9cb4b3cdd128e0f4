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
        });
        modelBuilder.Entity<GameServer>(e =>
        {
            e.HasKey(s => s.Uuid);
            e.HasIndex(s => s.Identifier).IsUnique();
            e.HasOne(s => s.Owner).WithMany().HasForeignKey(s => s.OwnerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(s => s.Node).WithMany().HasForeignKey(s => s.NodeId).OnDelete(DeleteBehavior.SetNull);
        });
        modelBuilder.Entity<Subuser>(e =>
        {
            e.HasIndex(s => new { s.ServerUuid, s.UserId }).IsUnique();
            e.HasOne(s => s.Server).WithMany().HasForeignKey(s => s.ServerUuid).OnDelete(DeleteBehavior.Cascade);
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
        modelBuilder.Entity<ActivityRecord>(e => e.HasIndex(a => new { a.ServerUuid, a.Id }));
        modelBuilder.Entity<OutboxMessage>(e =>
        {
            e.HasIndex(m => m.NextAttemptUnixMs);
            e.HasIndex(m => m.ServerUuid);
        });
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
