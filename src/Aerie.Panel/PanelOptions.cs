namespace Aerie.Panel;

/// <summary>Everything the panel needs to start; immutable, validated by <see cref="PanelHost"/>.</summary>
internal sealed record PanelOptions
{
    /// <summary>Holds panel.db (SQLite), the Data Protection keys and nothing else.</summary>
    public required string DataFolder { get; init; }

    /// <summary>Npgsql connection string; null = SQLite file panel.db in <see cref="DataFolder"/>.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>The panel's public URL: token <c>iss</c> and the node config's <c>remote</c>.</summary>
    public string PublicUrl { get; init; } = "http://127.0.0.1:8000";

    public string ListenUrl { get; init; } = "http://127.0.0.1:8000";
    public TimeSpan TokenTtl { get; init; } = TimeSpan.FromSeconds(900);
    public TimeSpan PreflightTimeout { get; init; } = TimeSpan.FromSeconds(3);
    public TimeSpan PreflightCacheDuration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Credentials requests allowed per (user, server) per minute.</summary>
    public int CredentialsPerMinute { get; init; } = 20;
    /// <summary>Failed logins per (account, client IP) before that pair is locked.</summary>
    public int LoginFailuresPerAccount { get; init; } = 5;

    /// <summary>Failed logins per account from every address together: looser, so one attacker's lock leaves the owner in.</summary>
    public int LoginFailuresPerAccountAnyIp { get; init; } = 50;
    public int LoginFailuresPerIp { get; init; } = 30;
    public TimeSpan LoginLockout { get; init; } = TimeSpan.FromMinutes(1);
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromDays(7);
    public TimeSpan OutboxPollInterval { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan OutboxMaxBackoff { get; init; } = TimeSpan.FromMinutes(2);
    public long MaxRequestBodyBytes { get; init; } = 64 * 1024;

    /// <summary>Largest file the file editor opens or saves (spec 06 §5, Pterodactyl's <c>max_edit_size</c>), bytes.</summary>
    public long MaxEditSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>Remote pulls (<c>files/pull</c>) per user and server per <see cref="FilePullWindow"/> (spec 04 §1.6).</summary>
    public int FilePullsPerWindow { get; init; } = 10;
    public TimeSpan FilePullWindow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Proxies whose X-Forwarded-For / X-Forwarded-Proto are believed; empty = none, the socket's address is the client.</summary>
    public IReadOnlyList<System.Net.IPNetwork> TrustedProxies { get; init; } = [];

    /// <summary>Who must enable two-factor authentication before using the API (spec 04 §1.2).</summary>
    public TwoFactor.TwoFactorRequirement TwoFactorRequired { get; init; } = TwoFactor.TwoFactorRequirement.None;

    /// <summary>Client API requests per user (or IP) per minute (spec 04 §1.6).</summary>
    public int ClientApiPerMinute { get; init; } = 720;

    /// <summary>Application API requests per user (or IP) per minute (spec 04 §1.6).</summary>
    public int ApplicationApiPerMinute { get; init; } = 240;

    /// <summary>Largest <c>per_page</c> an Application API list honours (Pterodactyl has no cap).</summary>
    public int ApplicationMaxPerPage { get; init; } = 500;

    /// <summary>Whether an administrator's client key opens the Application API with full access (Pterodactyl does).</summary>
    public bool AdminClientKeysOnApplication { get; init; } = true;

    /// <summary>The ports a user's "add allocation" may take or create on the primary's IP (spec 04 §2.5); null = off,
    /// as in Pterodactyl's default.</summary>
    public Allocations.PortRange? AutoAllocationPorts { get; init; }
}
