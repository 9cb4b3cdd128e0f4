using System.Collections.Concurrent;

namespace Aerie.Panel.Data;

/// <summary>
/// One EF compiled query per concrete context type. A compiled query binds to the first model it runs
/// against, and the SQLite and PostgreSQL contexts have different models (a process that hosts both,
/// like the test suite, would otherwise run SQLite SQL on PostgreSQL).
/// </summary>
internal sealed class CompiledPerContext<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConcurrentDictionary<Type, TQuery> byType = new();

    public TQuery For(PanelDb db) => byType.GetOrAdd(db.GetType(), _ => compile());
}
