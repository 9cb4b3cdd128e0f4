using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Aerie.Panel.Settings;

/// <summary>
/// Every panel setting the specs call configurable, with its range. Values come from one
/// <see cref="IConfiguration"/> (see <see cref="PanelConfiguration"/>) and are applied over the defaults
/// in <see cref="PanelOptions"/>, which stays the immutable record the panel consumes.
/// </summary>
internal static class PanelSettings
{
    public static readonly IReadOnlyList<PanelSetting> All =
    [
        new("DataFolder", "--data", "folder", "folder of panel.db and keys/ (default: <$AERIE_DATA, else ./.data>/panel)", "a folder", (o, v) => o with { DataFolder = Path.GetFullPath(NotEmpty(v)) }),
        new("Database", "--database", "connection-string", "PostgreSQL (Npgsql connection string); empty = SQLite in the data folder", "text", (o, v) => o with { PostgresConnectionString = v.Length > 0 ? v : null }),
        new("ListenUrl", "--listen", "url", "where the panel listens", "http(s) URL", (o, v) => o with { ListenUrl = HttpUrl(v) }),
        new("PublicUrl", "--public-url", "url", "token iss and the remote: of node configs; unset = the listen URL", "http(s) URL", (o, v) => o with { PublicUrl = HttpUrl(v) }),
        Seconds("TokenTtl", "--token-ttl", "console token lifetime", 60, 86_400, (o, v) => o with { TokenTtl = v }),
        Seconds("PreflightTimeout", "--preflight-timeout", "how long the credentials endpoint waits for the node", 1, 60, (o, v) => o with { PreflightTimeout = v }),
        Seconds("PreflightCacheDuration", "--preflight-cache", "how long a good preflight is reused; 0 = never", 0, 300, (o, v) => o with { PreflightCacheDuration = v }),
        Count("CredentialsPerMinute", "--credentials-per-minute", "credentials requests per (user, server) per minute", 1, 10_000, (o, v) => o with { CredentialsPerMinute = (int)v }),
        Count("LoginFailuresPerAccount", "--login-failures-per-account", "failed logins per (account, client IP) before that pair is locked", 1, 1_000, (o, v) => o with { LoginFailuresPerAccount = (int)v }),
        Count("LoginFailuresPerAccountAnyIp", "--login-failures-per-account-any-ip", "failed logins per account from all addresses together before the account is locked", 1, 100_000, (o, v) => o with { LoginFailuresPerAccountAnyIp = (int)v }),
        Count("LoginFailuresPerIp", "--login-failures-per-ip", "failed logins per client IP before a lockout", 1, 100_000, (o, v) => o with { LoginFailuresPerIp = (int)v }),
        Seconds("LoginLockout", "--login-lockout", "first lockout, doubled per further failure", 1, 3_600, (o, v) => o with { LoginLockout = v }),
        Seconds("SessionLifetime", "--session-lifetime", "login session lifetime", 300, 31_536_000, (o, v) => o with { SessionLifetime = v }),
        Seconds("OutboxPollInterval", "--outbox-poll", "how often the node-call outbox is polled", 1, 3_600, (o, v) => o with { OutboxPollInterval = v }),
        Seconds("OutboxMaxBackoff", "--outbox-max-backoff", "longest wait between retries of a node call", 1, 86_400, (o, v) => o with { OutboxMaxBackoff = v }),
        Count("MaxRequestBodyBytes", "--max-request-body", "largest request body, bytes", 1_024, 104_857_600, (o, v) => o with { MaxRequestBodyBytes = v }),
        new("TrustedProxies", "--trusted-proxies", "ips", "proxies whose X-Forwarded-For/-Proto are honoured, comma separated; empty = none", "IPs and CIDRs", (o, v) => o with { TrustedProxies = TrustedProxyList.Parse(v) }),
        new("TwoFactorRequired", "--two-factor-required", "who", "who must enable two-factor authentication to use the API", "none, admins, all", (o, v) => o with { TwoFactorRequired = TwoFactor.TwoFactorRequirements.Parse(v) }),
        Count("ClientApiPerMinute", "--client-api-per-minute", "Client API requests per user (or IP) per minute", 1, 1_000_000, (o, v) => o with { ClientApiPerMinute = (int)v }),
        Count("ApplicationApiPerMinute", "--application-api-per-minute", "Application API requests per user (or IP) per minute", 1, 1_000_000, (o, v) => o with { ApplicationApiPerMinute = (int)v }),
        new("AdminClientKeysOnApplication", "--admin-client-keys-on-application", "true|false", "an administrator's client key opens the Application API", "true or false",
            (o, v) => o with { AdminClientKeysOnApplication = Flag(v) }),
        new("AutoAllocationPorts", "--auto-allocation-ports", "low-high", "ports a user's \"add allocation\" may take on the primary's IP; empty = off", "low-high within 1025-65535, or empty",
            (o, v) => o with { AutoAllocationPorts = v.Length == 0 ? null : Allocations.PortRange.Parse(v) }),
        Count("ApplicationMaxPerPage", "--application-max-per-page", "largest per_page an Application API list honours", 1, 100_000, (o, v) => o with { ApplicationMaxPerPage = (int)v }),
    ];

    public static PanelSetting? Find(string key) => All.FirstOrDefault(s => string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>Applies every value present in <paramref name="configuration"/> over <paramref name="defaults"/>.</summary>
    /// <exception cref="PanelSettingsError">a key is unknown or a value is out of range; the message names the setting</exception>
    public static PanelOptions Bind(IConfiguration configuration, PanelOptions defaults)
    {
        var options = defaults;
        var publicUrlGiven = false;
        foreach (var entry in configuration.GetChildren())
        {
            var setting = Find(entry.Key) ?? throw new PanelSettingsError($"unknown setting '{entry.Key}'");
            try
            {
                options = setting.Apply(options, entry.Value?.Trim() ?? throw new FormatException("must be a single value, not a section"));
            }
            catch (FormatException e)
            {
                throw new PanelSettingsError($"{setting.Name} {e.Message}");
            }
            publicUrlGiven |= setting.Key == "PublicUrl";
        }
        // A panel reached at its listen address needs no second URL.
        return publicUrlGiven ? options : options with { PublicUrl = options.ListenUrl };
    }

    private static bool Flag(string value) => value.ToLowerInvariant() switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => throw new FormatException($"must be true or false, got '{value}'"),
    };

    private static string NotEmpty(string value) => value.Length > 0 ? value : throw new FormatException("must not be empty");

    private static string HttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? value
            : throw new FormatException($"must be an absolute http(s) URL, got '{value}'");

    private static PanelSetting Seconds(string key, string flag, string description, long min, long max, Func<PanelOptions, TimeSpan, PanelOptions> apply) =>
        new(key, flag, "seconds", description, $"{min}–{max} s", (o, v) => apply(o, TimeSpan.FromSeconds(Whole(v, min, max, " seconds"))));

    private static PanelSetting Count(string key, string flag, string description, long min, long max, Func<PanelOptions, long, PanelOptions> apply) =>
        new(key, flag, "n", description, $"{min}–{max}", (o, v) => apply(o, Whole(v, min, max, "")));

    private static long Whole(string value, long min, long max, string unit) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new FormatException($"must be a whole number between {min} and {max}{unit}, got '{value}'");
}
