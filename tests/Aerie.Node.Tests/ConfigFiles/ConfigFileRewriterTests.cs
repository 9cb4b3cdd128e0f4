using System.Text.Json;
using Aerie.Contracts.RemoteApi;
using Aerie.Node.ConfigFiles;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aerie.Node.Tests.ConfigFiles;

public sealed class ConfigFileRewriterTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("aerie-rewriter-").FullName;
    private readonly List<string> notices = [];
    private readonly CountingInterface gameInterface = new();

    [Fact]
    public async Task Rewrite_SeveralFiles_NoticeOnceAndEachWritten()
    {
        await RewriteAsync(
            new ConfigFile("server.properties", "properties", [Rules.Set("server-port", "25565")]),
            new ConfigFile("config/settings.json", "json", [Rules.Set("a.b", "c")]));

        Assert.Equal([ConfigFileRewriter.UpdatingNotice], notices);
        Assert.Equal("server-port=25565\n", File.ReadAllText(Path.Combine(root, "server.properties")));
        Assert.Equal("c", JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "config", "settings.json"))).RootElement.GetProperty("a").GetProperty("b").GetString());
    }

    [Fact]
    public async Task Rewrite_NoConfigs_SaysNothing()
    {
        await RewriteAsync();
        Assert.Empty(notices);
    }

    [Fact]
    public async Task Rewrite_CreateFileFalse_LeavesAMissingFileMissing()
    {
        await RewriteAsync(new ConfigFile("absent.ini", "ini", [Rules.Set("a", "1")], CreateFile: false),
            new ConfigFile("present.ini", "ini", [Rules.Set("a", "1")]));
        Assert.False(File.Exists(Path.Combine(root, "absent.ini")));
        Assert.Equal("a = 1\n", File.ReadAllText(Path.Combine(root, "present.ini")));
    }

    [Fact]
    public async Task Rewrite_FailingFile_IsToldAndSkipped_TheRestIsWritten()
    {
        File.WriteAllText(Path.Combine(root, "broken.json"), "{ not json");
        File.CreateSymbolicLink(Path.Combine(root, "escape.properties"), "/etc/passwd");

        await RewriteAsync(
            new ConfigFile("broken.json", "json", [Rules.Set("a", "1")]),
            new ConfigFile("escape.properties", "properties", [Rules.Set("root", "x")]),
            new ConfigFile("weird.cfg", "no-such-parser", [Rules.Set("a", "1")]),
            new ConfigFile("ok.txt", "file", [Rules.Set("a", "b")]));

        Assert.Equal("{ not json", File.ReadAllText(Path.Combine(root, "broken.json")));
        Assert.Contains(notices, n => n.Contains("broken.json", StringComparison.Ordinal));
        Assert.Contains(notices, n => n.Contains("escape.properties", StringComparison.Ordinal));
        Assert.Contains(notices, n => n.Contains("weird.cfg", StringComparison.Ordinal));
        Assert.DoesNotContain(notices, n => n.Contains(root, StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(root, "ok.txt")));
    }

    [Fact]
    public async Task Rewrite_FileOver64MiB_IsNotRewritten()
    {
        var path = Path.Combine(root, "huge.json");
        using (var stream = File.Create(path))
        {
            stream.SetLength(ConfigFileRewriter.MaxBytes + 1);
        }
        await RewriteAsync(new ConfigFile("huge.json", "json", [Rules.Set("a", "1")]));
        Assert.Equal(ConfigFileRewriter.MaxBytes + 1, new FileInfo(path).Length);
        Assert.Contains(notices, n => n.Contains("huge.json", StringComparison.Ordinal) && n.Contains("64 MiB", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rewrite_InterfacePlaceholder_AsksTheRuntimeOnlyWhenUsed()
    {
        await RewriteAsync(new ConfigFile("a.json", "json", [Rules.Set("host", "0.0.0.0")]),
            new ConfigFile("b.txt", "file", [Rules.Set("x", "{{config.docker.interface}}")]));
        Assert.Equal(0, gameInterface.Calls);

        await RewriteAsync(new ConfigFile("c.json", "json", [Rules.Set("host", "{{config.docker.interface}}"), Rules.Set("token", "{{config.token}}")]),
            new ConfigFile("d.yml", "yaml", [Rules.Set("host", "{{config.docker.network.interface}}")]));
        Assert.Equal(1, gameInterface.Calls);
        var c = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "c.json"))).RootElement;
        Assert.Equal("10.9.8.1", c.GetProperty("host").GetString());
        Assert.Equal("{{config.token}}", c.GetProperty("token").GetString());
        Assert.Equal("host: 10.9.8.1\n", File.ReadAllText(Path.Combine(root, "d.yml")));
    }

    [Fact]
    public async Task LoopbackInterface_IsLoopback() =>
        Assert.Equal("127.0.0.1", await new LoopbackInterface().AddressAsync(CancellationToken.None));

    public void Dispose() => Directory.Delete(root, recursive: true);

    private Task RewriteAsync(params ConfigFile[] files) =>
        new ConfigFileRewriter(gameInterface, NullLogger<ConfigFileRewriter>.Instance).RewriteAsync("srv", root, files, notices.Add, CancellationToken.None);

    private sealed class CountingInterface : IGameInterface
    {
        public int Calls { get; private set; }

        public Task<string> AddressAsync(CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult("10.9.8.1");
        }
    }
}
