namespace Aerie.Node.Environments.Docker;

/// <summary>Drops the entries a cursor says were already handed out. Needs the entries in log order,
/// starting at or before the first entry of the cursor's instant (so its count lines up).</summary>
internal sealed class CursorFilter(LogCursor? cursor)
{
    private long _skippedAtInstant;
    private bool _past = cursor is null;

    public bool IsNew(DateTimeOffset at)
    {
        if (_past)
        {
            return true;
        }
        if (at < cursor!.At)
        {
            return false;
        }
        if (at == cursor.At && _skippedAtInstant < cursor.SeenAtInstant)
        {
            _skippedAtInstant++;
            return false;
        }
        _past = true; // from here on everything is new, even if a clock step makes stamps go backwards
        return true;
    }
}
