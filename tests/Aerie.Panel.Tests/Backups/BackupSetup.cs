using Aerie.Panel.Data;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Backups;

/// <summary>Backup rows straight in the database, for the tests whose subject is not the node's part.</summary>
internal static class BackupSetup
{
    public static Task<Backup> AddAsync(PanelFixture fixture, GameServer server, TimeSpan age, bool? successful = true, bool locked = false, long bytes = 1024, bool deleted = false) =>
        fixture.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PanelDb>();
            var created = DateTimeOffset.UtcNow - age;
            var b = new Backup
            {
                ServerId = server.Id,
                Name = PanelFixture.Unique("b"),
                IsSuccessful = successful == true,
                IsLocked = locked,
                Bytes = successful == true ? bytes : 0,
                Checksum = successful == true ? "sha1:" + new string('a', 40) : null,
                CreatedAt = created,
                CompletedAt = successful is null ? null : created.AddMinutes(1),
                DeletedAt = deleted ? created.AddMinutes(2) : null,
            };
            db.Backups.Add(b);
            await db.SaveChangesAsync();
            return b;
        });

    public static Task<Backup?> ReadAsync(PanelFixture fixture, Guid uuid) =>
        fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Backups.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(b => b.Uuid == uuid));

    public static Task<List<Backup>> OfAsync(PanelFixture fixture, GameServer server) =>
        fixture.WithScopeAsync(sp => sp.GetRequiredService<PanelDb>().Backups.AsNoTracking().Where(b => b.ServerId == server.Id).OrderBy(b => b.Id).ToListAsync());
}
