namespace Aerie.Node.Environments.Docker;

/// <summary>Drops the entries a cursor says were already handed out. Needs the entries in log order,
/// starting at or before the first entry of the cursor's instant (so its count lines up).</summary>
internal sealed class CursorFilter(LogCursor? cursor)
{
    private long skippedAtInstant;
    private bool past = cursor is null;

    public bool IsNew(DateTimeOffset at)
    {
        if (past)
        {
            return true;
        }
        if (at < cursor!.At)
        {
            return false;
        }
        if (at == cursor.At && skippedAtInstant < cursor.SeenAtInstant)
        {
            skippedAtInstant++;
            return false;
        }
        past = true; // from here on everything is new, even if a clock step makes stamps go backwards
        return true;
    }
}
