using Aerie.Panel.Data;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Activity;

internal sealed class DbActivityStore(IServiceScopeFactory scopes) : IActivityStore
{
    public async Task SaveAsync(IReadOnlyList<ActivityRecord> rows, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PanelDb>();
        db.Activity.AddRange(rows);
        await db.SaveChangesAsync(ct);
    }

    public async Task<bool> ReachableAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PanelDb>().Database.CanConnectAsync(ct);
    }
}
