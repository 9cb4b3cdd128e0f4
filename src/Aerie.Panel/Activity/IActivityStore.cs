using Aerie.Panel.Data;

namespace Aerie.Panel.Activity;

/// <summary>Where <see cref="ActivityWriter"/> puts its rows: the panel database (<see cref="DbActivityStore"/>).
/// A seam so tests can inject the database failures a real database does not produce on demand.</summary>
internal interface IActivityStore
{
    /// <summary>Saves all rows or none (one transaction); throws what the database throws.</summary>
    Task SaveAsync(IReadOnlyList<ActivityRecord> rows, CancellationToken ct);

    /// <summary>Whether the database answers at all: a row refused while it does is bad, not unlucky.</summary>
    Task<bool> ReachableAsync(CancellationToken ct);
}
