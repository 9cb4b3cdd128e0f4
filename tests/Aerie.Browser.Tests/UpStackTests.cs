using System.Text.Json;
using Aerie.Browser.Tests.Support;
using Aerie.Node.Configuration;
using Aerie.Panel.Data;
using Aerie.Up;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServerManager = Aerie.Node.Servers.ServerManager;

namespace Aerie.Browser.Tests;

/// <summary>Later starts on the same data folder reuse what the first one made.</summary>
[Collection("up")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class UpStackTests : IDisposable
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "aerie-up-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Up_LaterStarts_ReuseDataAndOnlyPrintANewPassword()
    {
        Guid demo;
        string generated;
        await using (var first = await StartAsync(adminPassword: null))
        {
            Assert.True(first.Provisioned.AdminPassword is { Generated: true });
            generated = first.Provisioned.AdminPassword!.Value;
            demo = first.Provisioned.DemoServerUuid;
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "node.yml")));
            // The file on record is the running node: `aerie node --config <data>/node.yml` would run the same one.
            var recorded = NodeConfigLoader.LoadFile(Path.Combine(data, "node.yml"));
            Assert.Empty(recorded.Warnings);
            Assert.Equal(JsonSerializer.Serialize(first.Node.Services.GetRequiredService<NodeConfig>()), JsonSerializer.Serialize(recorded.Config));
        }

        await using (var second = await StartAsync(adminPassword: null))
        {
            Assert.Null(second.Provisioned.AdminPassword);
            Assert.Equal(demo, second.Provisioned.DemoServerUuid);
            await AssertOneOfEachAsync(second);
            // The node learnt the existing server from the panel at boot.
            var manager = second.Node.Services.GetRequiredService<ServerManager>();
            await Eventually.TrueAsync(() => manager.TryGet(demo.ToString(), out _), TimeSpan.FromSeconds(15), "the node loads the demo server from the panel");
            using (await PanelSession.LoginAsync(second.PanelUrl, UpProvisioner.AdminUsername, generated))
            {
                // the password printed by the first start still works
            }
        }

        const string replacement = "a-replacement-password";
        await using var third = await StartAsync(replacement);
        Assert.True(third.Provisioned.AdminPassword is { Generated: false, Value: replacement });
        await AssertOneOfEachAsync(third);
        using (await PanelSession.LoginAsync(third.PanelUrl, UpProvisioner.AdminUsername, replacement))
        {
            // AERIE_ADMIN_PASSWORD replaced a lost password
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private Task<UpStack> StartAsync(string? adminPassword) =>
        UpStack.StartAsync(new UpOptions { DataFolder = data, PanelPort = 0, NodePort = 0, AdminPassword = adminPassword }, CancellationToken.None);

    private static async Task AssertOneOfEachAsync(UpStack stack)
    {
        await using var scope = stack.Panel.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PanelDb>();
        Assert.Equal(1, await db.Users.CountAsync());
        Assert.Equal(1, await db.Nodes.CountAsync());
        Assert.Equal(1, await db.Servers.CountAsync());
        var node = await db.Nodes.SingleAsync();
        Assert.Equal(stack.NodeUrl, node.InternalUrl);
    }
}
