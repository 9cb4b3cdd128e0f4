using Aerie.Contracts.Permissions;
using Aerie.Contracts.Socket;
using Aerie.Node.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Aerie.Node.Tests.Functional;

public sealed class TokenTests
{
    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static async Task<string> FailedAuthErrorAsync(TestNode node, string token)
    {
        await using var client = await ConsoleClient.ConnectAsync(node.SocketUri());
        await client.AuthAsync(token);
        var error = await client.WaitForAsync(SocketEvents.JwtError);
        return error.Args![0];
    }

    [Fact]
    public async Task Auth_NoToken_NoJwtPresent()
    {
        await using var node = await TestNode.StartAsync();
        await using var client = await ConsoleClient.ConnectAsync(node.SocketUri());
        await client.SendRawAsync("{\"event\":\"auth\",\"args\":[null]}");
        var error = await client.WaitForAsync(SocketEvents.JwtError);
        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, SocketErrors.NoJwt), error.Args![0]);
    }

    [Fact]
    public async Task Auth_Expired_ExpClaimInvalid()
    {
        await using var node = await TestNode.StartAsync();
        var token = node.Tokens.Mint(node.ServerUuid, iat: Now - 100, exp: Now - 1);
        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, SocketErrors.ExpInvalid), await FailedAuthErrorAsync(node, token));
    }

    [Fact]
    public async Task Auth_NoIat_Denylisted()
    {
        await using var node = await TestNode.StartAsync();
        var token = node.Tokens.Mint(node.ServerUuid, withIat: false);
        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, SocketErrors.Denylisted), await FailedAuthErrorAsync(node, token));
    }

    [Fact]
    public async Task Auth_LifetimeOverMaximum_Denylisted()
    {
        await using var node = await TestNode.StartAsync(c => c.Tokens.MaxLifetime = 600);
        var token = node.Tokens.Mint(node.ServerUuid, iat: Now, exp: Now + 601);
        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, SocketErrors.Denylisted), await FailedAuthErrorAsync(node, token));
    }

    [Fact]
    public async Task Auth_NoConnectPermission_MissingConnect()
    {
        await using var node = await TestNode.StartAsync();
        var token = node.Tokens.Mint(node.ServerUuid, permissions: [Permission.ControlConsole]);
        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, SocketErrors.MissingConnect), await FailedAuthErrorAsync(node, token));
    }

    [Fact]
    public async Task Auth_NoWebsocketScope_Refused()
    {
        await using var node = await TestNode.StartAsync();
        var token = node.Tokens.Mint(node.ServerUuid, scope: "files");
        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, SocketErrors.MissingConnect), await FailedAuthErrorAsync(node, token));
    }

    [Fact]
    public async Task Auth_ScopeAsList_Accepted()
    {
        await using var node = await TestNode.StartAsync();
        await using var client = await ConsoleClient.ConnectAsync(node.SocketUri());
        await client.AuthenticateAsync(node.Tokens.Mint(node.ServerUuid, scope: new[] { "files", "websocket" }));
    }

    [Fact]
    public async Task Auth_OtherServer_ServerUuidMismatch()
    {
        await using var node = await TestNode.StartAsync();
        var token = node.Tokens.Mint(Guid.NewGuid().ToString());
        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, SocketErrors.ServerMismatch), await FailedAuthErrorAsync(node, token));
    }

    // Spec 02's table: a bad signature is none of its jwt errors, so it is a `daemon error` with the generic text.
    [Fact]
    public async Task Auth_WrongSecret_GenericDaemonError()
    {
        await using var node = await TestNode.StartAsync();
        var token = node.Tokens.Mint(node.ServerUuid, key: "not-the-node-secret-0123456789abcdef0123456789");
        await using var client = await ConsoleClient.ConnectAsync(node.SocketUri());
        await client.AuthAsync(token);
        var error = await client.NextAsync();
        Assert.Equal(SocketEvents.DaemonError, error!.Event);
        Assert.Equal([SocketErrors.ErrorEvent(node.ServerUuid, SocketErrors.Unexpected)], error.Args);
    }

    [Fact]
    public async Task Auth_NotAJwt_GenericDaemonError()
    {
        await using var node = await TestNode.StartAsync();
        await using var client = await ConsoleClient.ConnectAsync(node.SocketUri());
        await client.AuthAsync("garbage");
        var error = await client.NextAsync();
        Assert.Equal(SocketEvents.DaemonError, error!.Event);
        Assert.Equal([SocketErrors.ErrorEvent(node.ServerUuid, SocketErrors.Unexpected)], error.Args);
    }

    [Fact]
    public async Task Reauth_WrongSecretWithErrorsPermission_DaemonErrorWithReason()
    {
        // Three auths on one socket: more than the default auth burst of 2.
        await using var node = await TestNode.StartAsync(c => c.Websocket.AuthRate = new() { Burst = 5, Period = 1 });
        await using var client = await node.ConsoleAsync(["*", Permission.AdminErrors]);
        await client.AuthAsync(node.Tokens.Mint(node.ServerUuid, key: "not-the-node-secret-0123456789abcdef0123456789"));
        var error = await client.WaitForAsync(SocketEvents.DaemonError);
        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, SocketErrorsExtra.InvalidSignature), error.Args![0]);
        await client.AuthAsync("garbage");
        error = await client.WaitForAsync(SocketEvents.DaemonError);
        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, SocketErrorsExtra.Malformed), error.Args![0]);
        Assert.DoesNotContain(client.Received, f => f.Event == SocketEvents.JwtError);
    }

    // A token minted with a future iat would outlive every revocation issued before that time.
    [Fact]
    public async Task Auth_IatAnHourAhead_Denylisted()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var node = await TestNode.StartAsync(time: time);
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var token = node.Tokens.Mint(node.ServerUuid, iat: now + 3600, exp: now + 3600 + 600);
        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, SocketErrors.Denylisted), await FailedAuthErrorAsync(node, token));
    }

    [Fact]
    public async Task Auth_IatTenSecondsAhead_AcceptedWithinSkew()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var node = await TestNode.StartAsync(time: time);
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        await using var client = await ConsoleClient.ConnectAsync(node.SocketUri());
        await client.AuthenticateAsync(node.Tokens.Mint(node.ServerUuid, iat: now + 10, exp: now + 600));
    }

    [Fact]
    public async Task Auth_IatBeyondConfiguredSkew_Denylisted()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var node = await TestNode.StartAsync(c => c.Tokens.MaxClockSkew = 5, time: time);
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var token = node.Tokens.Mint(node.ServerUuid, iat: now + 10, exp: now + 600);
        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, SocketErrors.Denylisted), await FailedAuthErrorAsync(node, token));
        time.Advance(TimeSpan.FromSeconds(6));
        await using var client = await ConsoleClient.ConnectAsync(node.SocketUri());
        await client.AuthenticateAsync(token);
    }

    [Fact]
    public async Task Event_WithoutAuth_JwtErrorNoPrefix()
    {
        await using var node = await TestNode.StartAsync();
        await using var client = await ConsoleClient.ConnectAsync(node.SocketUri());
        await client.SendAsync(SocketEvents.SendStats);
        var error = await client.WaitForAsync(SocketEvents.JwtError);
        Assert.Equal(SocketErrors.NoJwt, error.Args![0]);
    }

    [Fact]
    public async Task Auth_First_SendsAuthSuccessStatusAndStats()
    {
        await using var node = await TestNode.StartAsync();
        await using var client = await ConsoleClient.ConnectAsync(node.SocketUri());
        await client.AuthAsync(node.Token());
        Assert.Equal(SocketEvents.AuthSuccess, (await client.NextAsync())!.Event);
        Assert.Null(client.Received[0].Args);
        Assert.Equal(SocketEvents.Status, (await client.NextAsync())!.Event);
        var stats = await client.NextAsync();
        Assert.Equal(SocketEvents.Stats, stats!.Event);
        Assert.Contains("\"state\":\"offline\"", stats.Args![0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reauth_NewToken_SendsOnlyAuthSuccess()
    {
        await using var node = await TestNode.StartAsync();
        await using var client = await node.ConsoleAsync();
        await client.CollectAsync(TimeSpan.FromMilliseconds(200));
        var mark = client.Received.Count;
        await client.AuthAsync(node.Token());
        await client.WaitForAsync(SocketEvents.AuthSuccess);
        await client.CollectAsync(TimeSpan.FromMilliseconds(400));
        Assert.Equal([SocketEvents.AuthSuccess], client.Received.Skip(mark).Select(f => f.Event));
    }

    [Fact]
    public async Task Reauth_Failed_KeepsPreviousToken()
    {
        await using var node = await TestNode.StartAsync();
        await using var client = await node.ConsoleAsync();
        await client.AuthAsync(node.Tokens.Mint(Guid.NewGuid().ToString()));
        await client.WaitForAsync(SocketEvents.JwtError);
        await client.SendAsync(SocketEvents.SendStats);
        await client.WaitForAsync(SocketEvents.Stats);
    }

    [Fact]
    public async Task Permissions_WildcardNeverGrantsAdmin()
    {
        Assert.True(Permission.Grants(["*"], Permission.ControlConsole));
        Assert.False(Permission.Grants(["*"], Permission.AdminErrors));
        await using var node = await TestNode.StartAsync();
        await using var client = await node.ConsoleAsync(["*"]);
        await client.SendAsync(SocketEvents.SetState, "explode");
        var error = await client.WaitForAsync(SocketEvents.DaemonError);
        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, SocketErrors.Unexpected), error.Args![0]);
    }

    [Fact]
    public async Task Expiry_ShortToken_ExpiringThenExpiredOnceThenJwtErrors()
    {
        await using var node = await TestNode.StartAsync(c => c.Websocket.TokenCheckInterval = 0.5);
        await using var client = await ConsoleClient.ConnectAsync(node.SocketUri());
        var now = Now;
        await client.AuthenticateAsync(node.Tokens.Mint(node.ServerUuid, iat: now, exp: now + 2));
        await client.WaitForAsync(SocketEvents.TokenExpiring);
        await client.WaitForAsync(SocketEvents.TokenExpired, timeout: TimeSpan.FromSeconds(5));

        // After expiry: no events (start the server: no status, no console), one jwt error per message.
        await node.Server.PowerAsync(PowerActions.Start, Aerie.Node.Servers.Actor.Daemon);
        await client.SendAsync(SocketEvents.SendStats);
        await client.SendAsync(SocketEvents.SendLogs);
        var after = await client.CollectAsync(TimeSpan.FromSeconds(1.5));
        Assert.Equal([SocketEvents.JwtError, SocketEvents.JwtError], after.Select(f => f.Event));
        Assert.All(after, f => Assert.Equal(SocketErrors.ExpInvalid, f.Args![0]));
        Assert.Single(client.Received, f => f.Event == SocketEvents.TokenExpired);

        // A fresh token brings the socket back with only `auth success`.
        await client.AuthAsync(node.Token());
        await client.WaitForAsync(SocketEvents.AuthSuccess);
        await client.SendAsync(SocketEvents.SendStats);
        await client.WaitForAsync(SocketEvents.Stats);
    }
}
