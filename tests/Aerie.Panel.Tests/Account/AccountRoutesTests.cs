using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aerie.Contracts.Socket;
using Aerie.Panel.Data;
using Aerie.Panel.NodeCalls;
using Aerie.Panel.Tests.Api;
using Aerie.Panel.Tests.Credentials;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Account;

/// <summary>Contract tests of <c>PUT /api/client/account/email</c>, <c>PUT /api/client/account/password</c> and
/// <c>GET /api/client/account/activity</c> (spec 04 §2.2).</summary>
public abstract class AccountRoutesTests(PanelFixture fixture)
{
    private const string WrongPassword = "The password provided was invalid for this account.";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    protected PanelFixture Fixture { get; } = fixture;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"got {response.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement.Clone();
        }
    }

    [Fact]
    public async Task Email_Changes_204_AndTheRefusals()
    {
        var (user, password) = await Fixture.CreateUserAsync();
        var (other, _) = await Fixture.CreateUserAsync();
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(user));
        await ApiErrorAssert.AssertAsync(await client.PutAsJsonAsync("/api/client/account/email", new { email = "x@example.test", password = "wrong password" }),
            400, WrongPassword, "InvalidPasswordProvidedException");
        await ApiErrorAssert.AssertAsync(await client.PutAsJsonAsync("/api/client/account/email", new { email = "x@example.test" }), 400, WrongPassword);
        Assert.Equal([("email", "unique")], await ApiErrorAssert.AssertValidationAsync(await client.PutAsJsonAsync("/api/client/account/email", new { email = other.Email.ToUpperInvariant(), password })));
        Assert.Equal([("email", "email")], await ApiErrorAssert.AssertValidationAsync(await client.PutAsJsonAsync("/api/client/account/email", new { email = "no-at-sign", password })));
        Assert.Equal([("email", "required")], await ApiErrorAssert.AssertValidationAsync(await client.PutAsJsonAsync("/api/client/account/email", new { password })));

        var next = PanelFixture.Unique("Moved") + "@Example.test";
        using (var changed = await client.PutAsJsonAsync("/api/client/account/email", new { email = next, password }))
        {
            Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
            Assert.Empty(await changed.Content.ReadAsByteArrayAsync());
        }
        var account = await JsonAsync(await client.GetAsync("/api/client/account"));
        Assert.Equal(next.ToLowerInvariant(), account.GetProperty("attributes").GetProperty("email").GetString());

        using var anonymous = Fixture.Panel.Client();
        await ApiErrorAssert.AssertAsync(await anonymous.PutAsJsonAsync("/api/client/account/email", new { email = next, password }), 401, "Unauthenticated.");
    }

    [Fact]
    public async Task Password_Changes_EndsOtherSessions_KeepsThisOne_AndTheRefusals()
    {
        var (user, password) = await Fixture.CreateUserAsync();
        using var here = await Fixture.LoginAsync(user, password);
        using var elsewhere = await Fixture.LoginAsync(user, password);
        await ApiErrorAssert.AssertAsync(await here.PutAsJsonAsync("/api/client/account/password",
            new { current_password = "not it at all", password = "a new password", password_confirmation = "a new password" }), 400, WrongPassword, "InvalidPasswordProvidedException");
        Assert.Equal([("password", "min")], await ApiErrorAssert.AssertValidationAsync(await here.PutAsJsonAsync("/api/client/account/password",
            new { current_password = password, password = "short", password_confirmation = "short" })));
        Assert.Equal([("password", "confirmed")], await ApiErrorAssert.AssertValidationAsync(await here.PutAsJsonAsync("/api/client/account/password",
            new { current_password = password, password = "a new password", password_confirmation = "another one" })));
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/api/client/account")).StatusCode);

        using (var changed = await here.PutAsJsonAsync("/api/client/account/password", new { current_password = password, password = "a new password", password_confirmation = "a new password" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/api/client/account")).StatusCode);
        await ApiErrorAssert.AssertAsync(await elsewhere.GetAsync("/api/client/account"), 401, "Unauthenticated.");
        using var login = Fixture.Panel.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await login.PostAsJsonAsync("/auth/login", new { login = user.Username, password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await login.PostAsJsonAsync("/auth/login", new { login = user.Username, password = "a new password" })).StatusCode);
    }

    [Fact]
    public async Task Password_Change_RevokesConsoleTokensOnTheNode()
    {
        await using var node = await Fixture.StartNodeAsync(reachable: false);
        var (owner, password) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner, node.PanelNode.Id);
        await node.AddServerAsync(server.Uuid);
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        var (token, _) = await CredentialsRequests.GetAsync(client, server.Identifier);
        Assert.Equal(SocketEvents.AuthSuccess, await AuthOutcomeAsync(node, server.Uuid, token));
        using (var changed = await client.PutAsJsonAsync("/api/client/account/password", new { current_password = password, password = "a new password", password_confirmation = "a new password" }))
        {
            Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        }
        await node.WaitForCallAsync(c => c.Path == NodeCallPaths.Deauthorize && c.Status == 204 && c.Body.Contains(owner.Uuid.ToString(), StringComparison.Ordinal), Wait);
        await node.WaitForCallAsync(c => c.Path == NodeCallPaths.Deny(server.Uuid) && c.Status == 204, Wait);
        Assert.Equal(SocketEvents.JwtError, await AuthOutcomeAsync(node, server.Uuid, token));
    }

    [Fact]
    public async Task Activity_Shape_Paging_Filter_Sort_Include()
    {
        var (user, password) = await Fixture.CreateUserAsync();
        var (other, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(user);
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(user));
        var next = PanelFixture.Unique("act") + "@example.test";
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync("/api/client/account/email", new { email = next, password })).StatusCode);
        await Fixture.WithScopeAsync(sp =>
        {
            var db = sp.GetRequiredService<PanelDb>();
            var at = DateTimeOffset.UtcNow.AddDays(-1);
            for (var i = 0; i < 30; i++)
            {
                db.Activity.Add(new ActivityRecord { UserUuid = user.Uuid, Event = "user:old.thing", MetadataJson = """{"tags":["a","b"]}""", Timestamp = at.AddMinutes(i) });
            }
            db.Activity.Add(new ActivityRecord { UserUuid = user.Uuid, ServerUuid = server.Uuid, Event = "server:power.start", Timestamp = at });
            db.Activity.Add(new ActivityRecord { UserUuid = other.Uuid, Event = "user:account.email-changed", Timestamp = at });
            return db.SaveChangesAsync();
        });
        var changed = await Eventually.ValueAsync(async () => await JsonAsync(await client.GetAsync("/api/client/account/activity?filter[event]=EMAIL&include=actor")),
            doc => doc.GetProperty("data").GetArrayLength() == 1, "the email change in the account activity", Wait);
        var entry = Assert.Single(changed.GetProperty("data").EnumerateArray());
        Assert.Equal("activity_log", entry.GetProperty("object").GetString());
        var a = entry.GetProperty("attributes");
        Assert.Matches("^[0-9a-f]{40}$", a.GetProperty("id").GetString()!);
        Assert.Equal(JsonValueKind.Null, a.GetProperty("batch").ValueKind);
        Assert.Equal("user:account.email-changed", a.GetProperty("event").GetString());
        Assert.True(a.GetProperty("is_api").GetBoolean());
        Assert.False(string.IsNullOrEmpty(a.GetProperty("ip").GetString()));
        Assert.Equal(JsonValueKind.Null, a.GetProperty("description").ValueKind);
        Assert.Equal((user.Email, next), (a.GetProperty("properties").GetProperty("old").GetString(), a.GetProperty("properties").GetProperty("new").GetString()));
        Assert.True(a.GetProperty("has_additional_metadata").GetBoolean());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$", a.GetProperty("timestamp").GetString()!);
        var actor = a.GetProperty("relationships").GetProperty("actor");
        Assert.Equal("user", actor.GetProperty("object").GetString());
        Assert.Equal(user.Uuid.ToString(), actor.GetProperty("attributes").GetProperty("uuid").GetString());

        // 31 account entries (not the server's, not the other user's), 25 a page, newest first.
        var first = await JsonAsync(await client.GetAsync("/api/client/account/activity"));
        var pagination = first.GetProperty("meta").GetProperty("pagination");
        Assert.Equal((31, 25, 25, 1, 2), (pagination.GetProperty("total").GetInt32(), pagination.GetProperty("count").GetInt32(),
            pagination.GetProperty("per_page").GetInt32(), pagination.GetProperty("current_page").GetInt32(), pagination.GetProperty("total_pages").GetInt32()));
        Assert.Contains("page=2", pagination.GetProperty("links").GetProperty("next").GetString(), StringComparison.Ordinal);
        Assert.Equal("user:account.email-changed", first.GetProperty("data")[0].GetProperty("attributes").GetProperty("event").GetString());
        Assert.False(first.GetProperty("data")[0].GetProperty("attributes").TryGetProperty("relationships", out _));
        var old = first.GetProperty("data")[1].GetProperty("attributes").GetProperty("properties");
        Assert.Equal(2, old.GetProperty("tags_count").GetInt32());
        Assert.Equal(100, (await JsonAsync(await client.GetAsync("/api/client/account/activity?per_page=500"))).GetProperty("meta").GetProperty("pagination").GetProperty("per_page").GetInt32());

        var ascending = await JsonAsync(await client.GetAsync("/api/client/account/activity?sort=timestamp&per_page=2"));
        var times = ascending.GetProperty("data").EnumerateArray().Select(e => DateTimeOffset.Parse(e.GetProperty("attributes").GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(times[0] < times[1]);
        Assert.Equal("user:old.thing", ascending.GetProperty("data")[0].GetProperty("attributes").GetProperty("event").GetString());
        var descending = await JsonAsync(await client.GetAsync("/api/client/account/activity?sort=-timestamp&per_page=1"));
        Assert.Equal("user:account.email-changed", descending.GetProperty("data")[0].GetProperty("attributes").GetProperty("event").GetString());

        await ApiErrorAssert.AssertAsync(await client.GetAsync("/api/client/account/activity?filter[ip]=1"), 400,
            "Requested filter(s) `ip` are not allowed. Allowed filter(s) are `event`.", "InvalidFilterQuery");
        await ApiErrorAssert.AssertAsync(await client.GetAsync("/api/client/account/activity?sort=id"), 400, null, "InvalidSortQuery");
        using var anonymous = Fixture.Panel.Client();
        await ApiErrorAssert.AssertAsync(await anonymous.GetAsync("/api/client/account/activity"), 401, "Unauthenticated.");
    }

    private static async Task<string> AuthOutcomeAsync(TestNode node, Guid server, string token)
    {
        await using var client = await ConsoleClient.ConnectAsync(node.SocketUri(server.ToString()));
        await client.AuthAsync(token);
        var frame = await client.NextAsync() ?? throw new InvalidOperationException("the node closed the socket without answering the auth");
        return frame.Event;
    }
}

public sealed class AccountRoutesSqliteTests(SqlitePanelFixture f) : AccountRoutesTests(f), IClassFixture<SqlitePanelFixture>;

public sealed class AccountRoutesPostgresTests(PostgresPanelFixture f) : AccountRoutesTests(f), IClassFixture<PostgresPanelFixture>;
