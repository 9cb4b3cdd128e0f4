using Aerie.Panel.Settings;

namespace Aerie.Panel.Tests.Commands;

/// <summary>
/// Panel settings through <c>aerie panel</c>: flags, <c>AERIE_PANEL__*</c> variables and a JSON settings file
/// reach <see cref="PanelOptions"/> (file &lt; environment &lt; flag); a bad value from any source is one line
/// naming the setting and exit code 2, before anything starts.
/// </summary>
public sealed class PanelSettingsTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "aerie-settings-tests", Guid.NewGuid().ToString("N"));

    public PanelSettingsTests() => Directory.CreateDirectory(folder);

    [Fact]
    public async Task GoodSetting_FromEachSource_ReachesPanelOptions()
    {
        Assert.Equal(TimeSpan.FromSeconds(600), (await BindAsync(["--token-ttl", "600"])).TokenTtl);
        Assert.Equal(TimeSpan.FromSeconds(700), (await BindAsync([], new() { ["AERIE_PANEL__TOKENTTL"] = "700" })).TokenTtl);
        Assert.Equal(TimeSpan.FromSeconds(800), (await BindAsync(["--settings", Settings("""{"TokenTtl": 800}""")])).TokenTtl);
    }

    [Fact]
    public async Task Sources_Layer_FileThenEnvironmentThenFlag()
    {
        var file = Settings("""{"TokenTtl": 300, "PreflightTimeout": 7, "CredentialsPerMinute": 40, "LoginLockout": 90}""");
        var env = new Dictionary<string, string> { ["AERIE_PANEL__TOKENTTL"] = "400", ["AERIE_PANEL__PREFLIGHTTIMEOUT"] = "8" };
        var options = await BindAsync(["--settings", file, "--token-ttl", "500"], env);
        Assert.Equal(TimeSpan.FromSeconds(500), options.TokenTtl);
        Assert.Equal(TimeSpan.FromSeconds(8), options.PreflightTimeout);
        Assert.Equal(40, options.CredentialsPerMinute);
        Assert.Equal(TimeSpan.FromSeconds(90), options.LoginLockout);
        // Untouched settings keep the record's defaults.
        Assert.Equal(new PanelOptions { DataFolder = "x" }.SessionLifetime, options.SessionLifetime);
    }

    [Fact]
    public async Task EverySetting_HasAFlagThatReachesPanelOptions()
    {
        var defaults = new PanelOptions { DataFolder = "x" };
        var args = new List<string>();
        foreach (var setting in PanelSettings.All)
        {
            args.AddRange([setting.Flag, GoodValue(setting)]);
        }
        var options = await BindAsync([.. args]);
        Assert.Equal(Path.Combine(folder, "panel-data"), options.DataFolder);
        Assert.Equal("Host=db;Database=aerie", options.PostgresConnectionString);
        Assert.Equal("http://0.0.0.0:8123", options.ListenUrl);
        Assert.Equal("https://panel.example.com", options.PublicUrl);
        Assert.Equal(TimeSpan.FromSeconds(61), options.TokenTtl);
        Assert.Equal(TimeSpan.FromSeconds(2), options.PreflightTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), options.PreflightCacheDuration);
        Assert.Equal(2, options.CredentialsPerMinute);
        Assert.Equal(2, options.LoginFailuresPerAccount);
        Assert.Equal(2, options.LoginFailuresPerAccountAnyIp);
        Assert.Equal(2, options.LoginFailuresPerIp);
        Assert.Equal(TimeSpan.FromSeconds(2), options.LoginLockout);
        Assert.Equal(TimeSpan.FromSeconds(301), options.SessionLifetime);
        Assert.Equal(TimeSpan.FromSeconds(2), options.OutboxPollInterval);
        Assert.False(options.AdminClientKeysOnApplication);
        Assert.Equal(2, options.ClientApiPerMinute);
        Assert.Equal(2, options.ApplicationApiPerMinute);
        Assert.Equal(2, options.ApplicationMaxPerPage);
        Assert.Equal(new Panel.Allocations.PortRange(30000, 30099), options.AutoAllocationPorts);
        Assert.Equal(TimeSpan.FromSeconds(2), options.OutboxMaxBackoff);
        Assert.Equal(1025, options.MaxRequestBodyBytes);
        Assert.Equal(["10.0.0.1/32", "172.16.0.0/12"], options.TrustedProxies.Select(n => n.ToString()));
        Assert.Equal(Panel.TwoFactor.TwoFactorRequirement.Admins, options.TwoFactorRequired);
        Assert.NotEqual(defaults.TokenTtl, options.TokenTtl);
    }

    [Fact]
    public async Task NoSettings_DataFolderIsWhereUpKeepsThePanel()
    {
        var options = await BindAsync([], new() { ["AERIE_DATA"] = folder }, withData: false);
        Assert.Equal(Path.Combine(folder, "panel"), options.DataFolder);
        Assert.Equal(options.ListenUrl, options.PublicUrl);
    }

    [Theory]
    [InlineData("TOKENTTL", "59", "TokenTtl")]
    [InlineData("TOKENTTL", "abc", "TokenTtl")]
    [InlineData("PREFLIGHTTIMEOUT", "0", "PreflightTimeout")]
    [InlineData("CREDENTIALSPERMINUTE", "-1", "CredentialsPerMinute")]
    [InlineData("LISTENURL", "ftp://x", "ListenUrl")]
    [InlineData("MAXREQUESTBODYBYTES", "99999999999", "MaxRequestBodyBytes")]
    [InlineData("TRUSTEDPROXIES", "proxy.local", "TrustedProxies")]
    [InlineData("TWOFACTORREQUIRED", "everyone", "TwoFactorRequired")]
    [InlineData("AUTOALLOCATIONPORTS", "1024-2000", "AutoAllocationPorts")]
    [InlineData("AUTOALLOCATIONPORTS", "3000", "AutoAllocationPorts")]
    public async Task BadSetting_FromEnvironment_Exit2NamingIt(string variable, string value, string key)
    {
        var env = new Dictionary<string, string> { ["AERIE_PANEL__" + variable] = value };
        var line = await RefusedAsync(["panel", "--data", folder], env);
        Assert.Contains($"setting '{key}'", line, StringComparison.Ordinal);
        Assert.Contains("AERIE_PANEL__" + variable, line, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadSetting_FromFile_Exit2NamingIt()
    {
        var line = await RefusedAsync(["panel", "--data", folder, "--settings", Settings("""{"LoginFailuresPerIp": 0}""")]);
        Assert.StartsWith("aerie panel: setting 'LoginFailuresPerIp' (--login-failures-per-ip / AERIE_PANEL__LOGINFAILURESPERIP) must be", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadSetting_FromFlag_Exit2NamingIt()
    {
        var line = await RefusedAsync(["panel", "--data", folder, "--token-ttl", "5"]);
        Assert.Equal("aerie panel: setting 'TokenTtl' (--token-ttl / AERIE_PANEL__TOKENTTL) must be a whole number between 60 and 86400 seconds, got '5'", line);
    }

    [Theory]
    [InlineData("""{"TokenTtll": 600}""", "'TokenTtll'")]
    [InlineData("""{"Panel": {"TokenTtl": 600}}""", "'Panel'")]
    [InlineData("""{"TokenTtl": """, "cannot read the settings file")]
    public async Task BadSettingsFile_Exit2NamingTheProblem(string json, string named)
    {
        var line = await RefusedAsync(["panel", "--data", folder, "--settings", Settings(json)]);
        Assert.Contains(named, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingSettingsFile_Exit2NamingIt()
    {
        var missing = Path.Combine(folder, "nope.json");
        var line = await RefusedAsync(["panel", "--settings", missing]);
        Assert.Contains(missing, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownEnvironmentSetting_Exit2NamingIt()
    {
        var line = await RefusedAsync(["user:create", "--data", folder, "--username", "a", "--email", "a@b.cd"], new() { ["AERIE_PANEL__TOKENTTLL"] = "600" });
        Assert.Contains("AERIE_PANEL__TOKENTTLL", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "panel.db")), "the command ran despite the bad setting");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string GoodValue(PanelSetting setting) => setting.Key switch
    {
        "DataFolder" => Path.Combine(folder, "panel-data"),
        "Database" => "Host=db;Database=aerie",
        "ListenUrl" => "http://0.0.0.0:8123",
        "PublicUrl" => "https://panel.example.com",
        "TokenTtl" => "61",
        "PreflightCacheDuration" => "1",
        "SessionLifetime" => "301",
        "MaxRequestBodyBytes" => "1025",
        "TrustedProxies" => "10.0.0.1, 172.16.0.0/12",
        "TwoFactorRequired" => "admins",
        "AdminClientKeysOnApplication" => "false",
        "AutoAllocationPorts" => "30000-30099",
        _ => "2",
    };

    private string Settings(string json)
    {
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>Runs <c>aerie panel</c> with a host that records the bound options instead of starting Kestrel.</summary>
    private async Task<PanelOptions> BindAsync(string[] flags, Dictionary<string, string>? environment = null, bool withData = true)
    {
        PanelOptions? bound = null;
        string[] args = withData && !flags.Contains("--data") ? ["panel", "--data", folder, .. flags] : ["panel", .. flags];
        var (code, _, error) = await CommandLineTests.RunAsync(args, environment, (options, _, _) =>
        {
            bound = options;
            return Task.FromResult(0);
        });
        Assert.True(code == 0, error);
        return bound ?? throw new InvalidOperationException("the panel host was not called");
    }

    private static async Task<string> RefusedAsync(string[] args, Dictionary<string, string>? environment = null)
    {
        var hostCalled = false;
        var (code, _, error) = await CommandLineTests.RunAsync(args, environment, (_, _, _) =>
        {
            hostCalled = true;
            return Task.FromResult(0);
        });
        Assert.Equal(2, code);
        Assert.False(hostCalled, "the panel started despite the bad setting");
        return Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
