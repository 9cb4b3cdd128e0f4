using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aerie.Contracts.RemoteApi;
using Aerie.Contracts.Socket;
using Aerie.Panel.Data;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Remote;

/// <summary>A server's audit, from the real node's commands to the panel's activity view: the long and the oversized
/// commands followed by a command that must reach the log, and a stored row the view cannot parse.</summary>
public abstract class ActivityAuditTests(PanelFixture fixture)
{
    // Prints the done marker, then echoes each command: enough of a game for the node to run and audit commands.
    private const string EchoGame = "echo Done; exec cat";

    protected PanelFixture Fixture { get; } = fixture;

    private async Task<(GameServer Server, HttpClient Owner)> RunningServerAsync()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner, invocation: EchoGame);
        using var start = await Fixture.Node.Http.PostAsJsonAsync($"/api/servers/{server.Uuid}/power", new { action = PowerActions.Start });
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        await Eventually.TrueAsync(() => Fixture.Node.ServerOf(server.Uuid).State == ServerStates.Running, what: "the server running on the node");
        return (server, Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner)));
    }

    private async Task SendCommandsAsync(GameServer server, params string[] commands)
    {
        using var response = await Fixture.Node.Http.PostAsJsonAsync($"/api/servers/{server.Uuid}/commands", new { commands });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static async Task<List<string>> ViewedCommandsAsync(HttpClient owner, GameServer server)
    {
        using var response = await owner.GetAsync($"/api/client/servers/{server.Identifier}/activity");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. doc.RootElement.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("attributes"))
            .Where(e => e.GetProperty("event").GetString() == ActivityEvents.ConsoleCommand)
            .Select(e => e.GetProperty("properties").GetProperty("command").GetString()!)];
    }

    [Fact]
    public async Task Activity_CommandOf1400LessThanSigns_ViewAnswers200WithTheText()
    {
        var (server, owner) = await RunningServerAsync();
        using (owner)
        {
            var text = new string('<', 1400);
            await SendCommandsAsync(server, text);
            await Fixture.WaitForActivityAsync(server.Uuid, 2); // power start + the command
            Assert.Equal([text], await ViewedCommandsAsync(owner, server));
        }
    }

    [Fact]
    public async Task Activity_ThreeOversizedCommandsThenShort_ShortReachesTheLog()
    {
        var (server, owner) = await RunningServerAsync();
        using (owner)
        {
            // 24,000 bytes of JSON each ('<' is escaped as \u003C): together over the panel's 64 KiB body limit.
            var huge = new string('<', 4000);
            await SendCommandsAsync(server, huge, huge, huge, "short");
            await Fixture.WaitForActivityAsync(server.Uuid, 5);
            var commands = await ViewedCommandsAsync(owner, server);
            Assert.Contains("short", commands);
            var cut = commands.Where(c => c != "short").ToList();
            Assert.Equal(3, cut.Count);
            Assert.All(cut, c => Assert.Matches(@"^<{1000,3999}…\[\d+ characters cut\]$", c));
        }
    }

    [Fact]
    public async Task Activity_StoredRowWhoseMetadataDoesNotParse_ShownWithEmptyProperties()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        await Fixture.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PanelDb>();
            // What older releases stored: JSON cut mid-string.
            db.Activity.Add(new ActivityRecord { ServerUuid = server.Uuid, Event = ActivityEvents.ConsoleCommand, MetadataJson = """{"command":"<<<""", Timestamp = DateTimeOffset.UtcNow });
            db.Activity.Add(new ActivityRecord { ServerUuid = server.Uuid, Event = ActivityEvents.PowerStart, MetadataJson = """{"result":"ok","n":3}""", Timestamp = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        using var response = await client.GetAsync($"/api/client/servers/{server.Identifier}/activity");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var rows = doc.RootElement.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("attributes")).ToList();
        Assert.Equal(2, rows.Count);
        var power = rows.Single(r => r.GetProperty("event").GetString() == ActivityEvents.PowerStart).GetProperty("properties");
        Assert.Equal("ok", power.GetProperty("result").GetString());
        Assert.Equal(3, power.GetProperty("n").GetInt32());
        var broken = rows.Single(r => r.GetProperty("event").GetString() == ActivityEvents.ConsoleCommand).GetProperty("properties");
        Assert.Empty(broken.EnumerateObject());
    }
}

public sealed class ActivityAuditSqliteTests(SqlitePanelFixture f) : ActivityAuditTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class ActivityAuditPostgresTests(PostgresPanelFixture f) : ActivityAuditTests(f), IClassFixture<PostgresPanelFixture>;
