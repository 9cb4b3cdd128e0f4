namespace Aerie.Panel.Data;

/// <summary>
/// The triggers that raise <see cref="AccessStamp.Version"/>: every update or delete of a user, session, subuser, server
/// or node, and of an API key except its last-used time (written once a minute while a key is used, and granting
/// nothing). Inserts only grant access, and the credentials endpoint never remembers a refusal, so they raise nothing.
/// Created by the AccessStamp migration of each database. A SQLite table rebuild (some later ALTERs) drops the
/// triggers of that table: such a migration must call <see cref="Sqlite"/> again; a test checks they all exist.
/// </summary>
internal static class AccessStampTriggers
{
    private const string Raise = "UPDATE \"AccessStamps\" SET \"Version\" = \"Version\" + 1 WHERE \"Id\" = 1;";
    private const string PostgresFunction = "aerie_access_stamp_raise";

    // Every ApiKey column but LastUsedAt.
    private const string ApiKeyColumns = "\"Identifier\", \"SecretHash\", \"UserId\", \"KeyType\", \"Description\", \"CreatedAt\", \"ExpiresAt\", "
        + "\"AllowedIpsJson\", \"RevokedAt\", \"RServers\", \"RNodes\", \"RAllocations\", \"RUsers\", \"RLocations\", \"RNests\", \"REggs\", "
        + "\"RDatabaseHosts\", \"RServerDatabases\"";

    private static readonly (string Table, string UpdateOf)[] Watched =
    [
        ("Users", ""), ("Sessions", ""), ("Subusers", ""), ("Servers", ""), ("Nodes", ""), ("ApiKeys", " OF " + ApiKeyColumns),
    ];

    /// <summary>The trigger names, as each database lists them.</summary>
    public static IEnumerable<string> Names => Watched.SelectMany(w => new[] { Name(w.Table, "update"), Name(w.Table, "delete") });

    public static IEnumerable<string> Sqlite() => Watched.SelectMany(w => new[]
    {
        $"CREATE TRIGGER \"{Name(w.Table, "update")}\" AFTER UPDATE{w.UpdateOf} ON \"{w.Table}\" BEGIN {Raise} END;",
        $"CREATE TRIGGER \"{Name(w.Table, "delete")}\" AFTER DELETE ON \"{w.Table}\" BEGIN {Raise} END;",
    });

    public static IEnumerable<string> SqliteDrop() => Names.Select(n => $"DROP TRIGGER IF EXISTS \"{n}\";");

    public static IEnumerable<string> Postgres() =>
        new[] { $"CREATE FUNCTION {PostgresFunction}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {Raise} RETURN NULL; END $$;" }
        .Concat(Watched.SelectMany(w => new[]
        {
            $"CREATE TRIGGER \"{Name(w.Table, "update")}\" AFTER UPDATE{w.UpdateOf} ON \"{w.Table}\" FOR EACH STATEMENT EXECUTE FUNCTION {PostgresFunction}();",
            $"CREATE TRIGGER \"{Name(w.Table, "delete")}\" AFTER DELETE ON \"{w.Table}\" FOR EACH STATEMENT EXECUTE FUNCTION {PostgresFunction}();",
        }));

    public static IEnumerable<string> PostgresDrop() =>
        Watched.SelectMany(w => new[] { $"DROP TRIGGER IF EXISTS \"{Name(w.Table, "update")}\" ON \"{w.Table}\";", $"DROP TRIGGER IF EXISTS \"{Name(w.Table, "delete")}\" ON \"{w.Table}\";" })
        .Append($"DROP FUNCTION IF EXISTS {PostgresFunction}();");

    private static string Name(string table, string verb) => $"access_stamp_{table.ToLowerInvariant()}_{verb}";
}
