using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aerie.Panel.Data;
using Aerie.Panel.Tests.Api;
using Aerie.Panel.Tests.ClientServers;
using Aerie.Panel.Tests.Infrastructure;
using Aerie.Panel.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Remote;

/// <summary><c>POST /api/remote/sftp/auth</c>, the panel side of spec 06 §7, called as the node's SFTP server would.</summary>
public abstract class SftpAuthTests(PanelFixture fixture)
{
    private const string BadCredentials = "Authorization credentials were not correct, please try again.";
    private const string Password = "correct horse battery";

    protected PanelFixture Fixture { get; } = fixture;

    private HttpClient NodeClient(PanelNode? node = null, string? secret = null)
    {
        var client = Fixture.Panel.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", $"{(node ?? Fixture.PanelNode).TokenId}.{secret ?? Fixture.NodeSecret}");
        return client;
    }

    private static Task<HttpResponseMessage> AuthAsync(HttpClient client, string username, string password, string ip = "203.0.113.5:51234", string type = "password") =>
        client.PostAsJsonAsync("/api/remote/sftp/auth", new { type, username, password, ip, session_id = "c2Vzc2lvbg==", client_version = "U1NILTIuMC1Hbw==" });

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.Clone();
    }

    [Fact]
    public async Task Auth_OwnerAdminSubuser_EffectivePermissions()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (admin, _) = await Fixture.CreateUserAsync(admin: true);
        var (sftp, _) = await Fixture.CreateUserAsync();
        var (noSftp, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        await Fixture.AddSubuserAsync(server, sftp, "file.sftp", "file.read");
        await Fixture.AddSubuserAsync(server, noSftp, "file.read");
        using var node = NodeClient();

        var answer = await OkAsync(await AuthAsync(node, $"{owner.Username}.{server.Identifier}", Password));
        Assert.Equal(server.Uuid.ToString(), answer.GetProperty("server").GetString());
        Assert.Equal(owner.Uuid.ToString(), answer.GetProperty("user").GetString());
        Assert.Equal(["*"], answer.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        // The full uuid works as the server part, and the user name in any case.
        Assert.Equal(server.Uuid.ToString(), (await OkAsync(await AuthAsync(node, $"{owner.Username.ToUpperInvariant()}.{server.Uuid}", Password))).GetProperty("server").GetString());
        Assert.Contains("admin.websocket.errors", (await OkAsync(await AuthAsync(node, $"{admin.Username}.{server.Identifier}", Password)))
            .GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        var sub = await OkAsync(await AuthAsync(node, $"{sftp.Username}.{server.Identifier}", Password));
        Assert.Contains("file.sftp", sub.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
        Assert.DoesNotContain("*", sub.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));

        await ApiErrorAssert.AssertAsync(await AuthAsync(node, $"{noSftp.Username}.{server.Identifier}", Password), 403,
            "You do not have permission to access SFTP for this server.");
        var rows = await Fixture.WaitForActivityAsync(server.Uuid, 1);
        Assert.Contains(rows, r => r.Event == "server:sftp.denied" && r.UserUuid == noSftp.Uuid);
    }

    [Fact]
    public async Task Auth_Refusals_BadCredentialsStatesAndOtherNodes()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var node = NodeClient();
        var user = $"{owner.Username}.{server.Identifier}";

        await ApiErrorAssert.AssertAsync(await AuthAsync(node, user, "wrong", ip: "198.51.100.1:1"), 403, BadCredentials);
        await ApiErrorAssert.AssertAsync(await AuthAsync(node, $"nobody-{Guid.NewGuid():N}.{server.Identifier}", Password, ip: "198.51.100.2:1"), 403, BadCredentials);
        await ApiErrorAssert.AssertAsync(await AuthAsync(node, $"{owner.Username}.deadbeef", Password, ip: "198.51.100.3:1"), 403, BadCredentials);
        await ApiErrorAssert.AssertAsync(await AuthAsync(node, owner.Username, Password), 400, null);
        // The panel stores no SSH keys: a key never matches.
        await ApiErrorAssert.AssertAsync(await AuthAsync(node, user, "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample", type: "public_key"), 403, BadCredentials);
        Assert.Equal([("type", "in")], await ApiErrorAssert.AssertValidationAsync(await AuthAsync(node, user, Password, type: "keyboard")));
        // Another node cannot log users into this node's server.
        var (other, otherSecret) = await Fixture.CreateNodeAsync("http://127.0.0.1:1");
        using var otherNode = NodeClient(other, otherSecret);
        await ApiErrorAssert.AssertAsync(await AuthAsync(otherNode, user, Password), 403, BadCredentials);
        var rows = await Fixture.WaitForActivityAsync(server.Uuid, 1);
        Assert.Contains(rows, r => r.Event == "auth:sftp.fail" && r.UserUuid == owner.Uuid && r.Ip == "198.51.100.1");

        await ClientServerSetup.UpdateAsync(Fixture, server, s => s.Suspended = true);
        await ApiErrorAssert.AssertAsync(await AuthAsync(node, user, Password), 409,
            "This server is currently suspended and the functionality requested is unavailable.");
        await ClientServerSetup.UpdateAsync(Fixture, server, s => (s.Suspended, s.Status) = (false, "installing"));
        await ApiErrorAssert.AssertAsync(await AuthAsync(node, user, Password), 409, null);
    }

    [Fact]
    public async Task Auth_DottedUserName_SplitAtTheLastDot()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var name = "first.last." + Guid.NewGuid().ToString("N")[..6];
        var dotted = await Fixture.WithScopeAsync(sp => sp.GetRequiredService<UserService>().CreateAsync(name, name + "@example.test", Password, false, CancellationToken.None));
        var server = await Fixture.CreateServerAsync(owner);
        await Fixture.AddSubuserAsync(server, dotted, "file.sftp");
        using var node = NodeClient();
        Assert.Equal(dotted.Uuid.ToString(), (await OkAsync(await AuthAsync(node, $"{name}.{server.Identifier}", Password))).GetProperty("user").GetString());
    }

    [Fact]
    public async Task Auth_PasswordGuessing_ThrottlesThatNameFromThatAddressOnly()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (colleague, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        await Fixture.AddSubuserAsync(server, colleague, "file.sftp");
        using var node = NodeClient();
        var victim = $"{owner.Username}.{server.Identifier}";
        const string attacker = "192.0.2.66:40000";

        for (var i = 0; i < 5; i++)
        {
            await ApiErrorAssert.AssertAsync(await AuthAsync(node, victim, "guess" + i, ip: attacker), 403, BadCredentials);
        }
        // The sixth attempt from that address is refused before the password is looked at, even the right one,
        // and from another port of the same host.
        using (var sixth = await AuthAsync(node, victim, "guess5", ip: attacker))
        {
            var errors = await ApiErrorAssert.AssertAsync(sixth, 429, null);
            Assert.Contains("seconds", errors[0].GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.True(sixth.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        }
        await ApiErrorAssert.AssertAsync(await AuthAsync(node, victim, Password, ip: "192.0.2.66:40001"), 429, null);
        await ApiErrorAssert.AssertAsync(await AuthAsync(node, victim.ToUpperInvariant(), Password, ip: attacker), 429, null);
        // A different user name from the same address, and the victim from elsewhere, still get in: the attacker
        // locked out only their own guesses.
        await OkAsync(await AuthAsync(node, $"{colleague.Username}.{server.Identifier}", Password, ip: attacker));
        await OkAsync(await AuthAsync(node, victim, Password, ip: "[2001:db8::1]:22"));
    }
}

public sealed class SftpAuthSqliteTests(SqlitePanelFixture f) : SftpAuthTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class SftpAuthPostgresTests(PostgresPanelFixture f) : SftpAuthTests(f), IClassFixture<PostgresPanelFixture>;
