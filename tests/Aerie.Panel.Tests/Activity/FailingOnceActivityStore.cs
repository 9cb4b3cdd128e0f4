using Aerie.Panel.Activity;
using Aerie.Panel.Data;
using Microsoft.EntityFrameworkCore;

namespace Aerie.Panel.Tests.Activity;

/// <summary>An injected fault: the real store, except that its first save throws the way a database that
/// dropped the connection mid-commit does (the real database cannot be made to fail once on demand).</summary>
internal sealed class FailingOnceActivityStore(IActivityStore real) : IActivityStore
{
    private int saves;

    public int Failures { get; private set; }

    public Task SaveAsync(IReadOnlyList<ActivityRecord> rows, CancellationToken ct)
    {
        if (Interlocked.Increment(ref saves) == 1)
        {
            Failures++;
            throw new DbUpdateException("injected: the database went away during the commit");
        }
        return real.SaveAsync(rows, ct);
    }

    public Task<bool> ReachableAsync(CancellationToken ct) => real.ReachableAsync(ct);
}
