namespace Aerie.Panel.Data;

/// <summary>
/// One row whose <see cref="Version"/> database triggers raise in the same statement as every write that can take console
/// access away (created by the AccessStamp migration, for both databases). The credentials endpoint reads it first on every request and keeps
/// its in-memory snapshots only while it is unchanged, so a change committed by any process on the same database (an
/// operator command, another panel, a raw SQL statement) empties them before a node can have been told. Triggers, not
/// application code, so no write path (SaveChanges, ExecuteUpdate, another program) can forget to raise it.
/// </summary>
internal sealed class AccessStamp
{
    public const int RowId = 1;

    public int Id { get; set; }
    public long Version { get; set; }
}
