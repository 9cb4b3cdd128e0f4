using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Aerie.Node.Configuration;
using Aerie.Node.Tests.Support;

namespace Aerie.Node.Tests.Configuration;

/// <summary>A real Wings 1.11 <c>config.yml</c> (the shared fixture) carries over to an Aerie node.</summary>
public sealed partial class WingsConfigTests : IDisposable
{
    private static readonly string[] IgnoredInFixture =
    [
        "debug", "app_name", "api.trusted_proxies",
        "system.root_directory", "system.archive_directory",
        "system.username", "system.user",
        "system.activity_send_interval", "system.activity_send_count", "system.check_permissions_on_boot",
        "system.enable_log_rotate", "system.sftp", "system.crash_detection", "system.transfers",
        "system.openat_mode", "docker.network", "docker.domainname", "docker.registries",
        "docker.overhead", "docker.use_performant_inspect", "docker.userns_mode",
        "docker.log_config", "throttles.enabled", "remote_query", "allowed_mounts", "allow_cors_private_network",
        "ignore_panel_config_updates",
    ];

    private readonly string folder = Path.Combine(Path.GetTempPath(), "aerie-wings-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void LoadFile_WingsFixture_LoadsAndWarnsOnceNamingEachIgnoredKey()
    {
        var path = SharedFixtures.File("wings/config.yml");
        var loaded = NodeConfigLoader.LoadFile(path, dataOverride: folder);

        var warning = Assert.Single(loaded.Warnings);
        Assert.StartsWith($"{path}: ignoring Wings keys Aerie does not use: ", warning, StringComparison.Ordinal);
        Assert.Equal(IgnoredInFixture, warning[(warning.LastIndexOf(": ", StringComparison.Ordinal) + 2)..].Split(", "));
        // The keys both share keep their meaning.
        Assert.Equal("6f1f8f7c-1c2d-4a8e-9b0e-3d9f2b7a1c55", loaded.Config.Uuid);
        Assert.Equal("Xq3bLk9PzR2mT7vW", loaded.Config.TokenId);
        Assert.Equal(8080, loaded.Config.Api.Port);
        // api.upload_limit is Aerie's too now (the signed upload's per-file limit, spec 06 §6).
        Assert.Equal(100, loaded.Config.Api.UploadLimit);
        Assert.Equal("https://panel.example.com", loaded.Config.Remote);
        Assert.Equal(512, loaded.Config.Docker.ContainerPidLimit);
        Assert.Equal(100, loaded.Config.Docker.TmpfsSize);
        Assert.Equal(100, loaded.Config.Throttles.LineResetInterval);
        Assert.Equal(150, loaded.Config.System.DiskCheckInterval);
        // Aerie's own key since the pull routes exist (spec 06 §2).
        Assert.False(loaded.Config.Api.DisableRemoteDownload);
        Assert.Equal(folder, loaded.Config.System.Data);
        // The install keys Aerie shares with Wings.
        Assert.Equal(("Etc/UTC", "/tmp/pterodactyl", "/var/log/pterodactyl"), (loaded.Config.System.Timezone, loaded.Config.System.TmpDirectory, loaded.Config.System.LogDirectory));
        Assert.Equal((1024L, 100), (loaded.Config.Docker.InstallerLimits.Memory, loaded.Config.Docker.InstallerLimits.Cpu));
        // The backup keys Aerie shares with Wings (spec 07 §3).
        Assert.Equal(("/var/lib/pterodactyl/backups", "best_speed", 0L),
            (loaded.Config.System.BackupDirectory, loaded.Config.System.Backups.CompressionLevel, loaded.Config.System.Backups.WriteLimit));
    }

    /// <summary>`aerie node` on the fixture (port made free, remote pointed at a stand-in panel, data overridden):
    /// the daemon comes up, boots from the panel, answers the node API, and stderr holds the warning once.</summary>
    [Fact]
    public async Task Run_WingsFixture_ComesUpAndPrintsIgnoredKeysOnce()
    {
        var fixture = SharedFixtures.File("wings/config.yml");
        var original = NodeConfigLoader.LoadFile(fixture, dataOverride: folder).Config;
        await using var panel = await PanelStandIn.StartAsync(original.TokenId, original.Token);
        var port = TlsConfigTests.FreePort();
        var yaml = File.ReadAllText(fixture);
        yaml = PortLine().Replace(yaml, $"  port: {port}", 1);
        yaml = yaml.Replace("remote: https://panel.example.com", "remote: " + panel.Url, StringComparison.Ordinal);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "config.yml");
        await File.WriteAllTextAsync(path, yaml);

        var stderr = new StringWriter();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var run = NodeRunner.RunAsync(path, Path.Combine(folder, "volumes"), stderr, stop: stop.Token);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", original.Token);
        Assert.Equal(HttpStatusCode.OK, await FirstAnswerAsync(http, $"http://127.0.0.1:{port}/api/system", run));
        await Eventually.TrueAsync(() => panel.PagesServed > 0, what: "the node asked the panel for its servers");
        await stop.CancelAsync();
        Assert.Equal(0, await run);

        var lines = stderr.ToString().TrimEnd('\n').Split('\n');
        var line = Assert.Single(lines);
        Assert.Equal($"aerie node: {path}: ignoring Wings keys Aerie does not use: {string.Join(", ", IgnoredInFixture)}", line);
    }

    private static async Task<HttpStatusCode> FirstAnswerAsync(HttpClient http, string url, Task<int> run)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            Assert.False(run.IsCompleted, "the node stopped before answering");
            try
            {
                using var response = await http.GetAsync(url);
                return response.StatusCode;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }

    [GeneratedRegex("(?m)^  port: 8080$")]
    private static partial Regex PortLine();

    public void Dispose()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // the load-only test never creates it
        }
    }
}
