using System.Net;
using System.Net.Http.Json;
using Aerie.Contracts.NodeApi;
using Aerie.Contracts.Socket;
using Aerie.Node.Tests.Support;

namespace Aerie.Node.Tests.Functional;

public sealed class RevocationTests
{
    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static async Task<string?> AuthErrorAsync(TestNode node, string token)
    {
        await using var client = await ConsoleClient.ConnectAsync(node.SocketUri());
        await client.AuthAsync(token);
        var frame = await client.NextAsync();
        return frame!.Event == SocketEvents.JwtError ? frame.Args![0] : null;
    }

    [Fact]
    public async Task DenyJti_RefusesTokensIssuedBefore_AcceptsLaterOnes()
    {
        await using var node = await TestNode.StartAsync();
        var old = node.Tokens.Mint(node.ServerUuid, iat: Now - 5);
        await using var open = await ConsoleClient.ConnectAsync(node.SocketUri());
        await open.AuthenticateAsync(old);
        var jti = node.Tokens.Mint(node.ServerUuid).Split('.') is var _ ? JtiOf(old) : "";
        using var response = await node.Http.PostAsJsonAsync($"/api/servers/{node.ServerUuid}/ws/deny", new DenyRequest([jti]));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, SocketErrors.Denylisted), await AuthErrorAsync(node, old));
        // the open socket's next message is refused too
        await open.SendAsync(SocketEvents.SendStats);
        var error = await open.WaitForAsync(SocketEvents.JwtError);
        Assert.Equal(SocketErrors.Denylisted, error.Args![0]);
        // a token minted after the deny works
        Assert.Null(await AuthErrorAsync(node, node.Tokens.Mint(node.ServerUuid, iat: Now + 2)));
    }

    [Fact]
    public async Task DeauthorizeUser_ClosesOnlyThatUsersSockets_AndRefusesTheirTokens()
    {
        await using var node = await TestNode.StartAsync();
        var alice = Guid.NewGuid().ToString();
        var bob = Guid.NewGuid().ToString();
        var aliceToken = node.Tokens.Mint(node.ServerUuid, userUuid: alice, iat: Now - 5);
        await using var aliceSocket = await ConsoleClient.ConnectAsync(node.SocketUri());
        await aliceSocket.AuthenticateAsync(aliceToken);
        await using var bobSocket = await node.ConsoleAsync(userUuid: bob);

        using var response = await node.Http.PostAsJsonAsync("/api/deauthorize-user", new DeauthorizeUserRequest(alice, [node.ServerUuid]));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        await aliceSocket.WaitForCloseAsync(TimeSpan.FromSeconds(3));
        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, SocketErrors.Denylisted), await AuthErrorAsync(node, aliceToken));
        await bobSocket.SendAsync(SocketEvents.SendStats);
        await bobSocket.WaitForAsync(SocketEvents.Stats);
    }

    [Fact]
    public async Task DeauthorizeUser_EmptyServerList_AppliesToAllServers()
    {
        await using var node = await TestNode.StartAsync();
        var user = Guid.NewGuid().ToString();
        var token = node.Tokens.Mint(node.ServerUuid, userUuid: user, iat: Now - 5);
        using var response = await node.Http.PostAsJsonAsync("/api/deauthorize-user", new DeauthorizeUserRequest(user, []));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, SocketErrors.Denylisted), await AuthErrorAsync(node, token));
    }

    [Fact]
    public async Task Revocations_SurviveDaemonRestart_ValidTokensStillWork()
    {
        var config = TestNode.NewConfig();
        var data = config.System.Data;
        var server = config.Servers[0];
        var user = Guid.NewGuid().ToString();
        string denied, deauthorized, untouched;
        await using (var first = await TestNode.StartAsync(c => c.Servers = [server], data))
        {
            denied = first.Tokens.Mint(server.Uuid, iat: Now - 5, jti: "deny-me");
            deauthorized = first.Tokens.Mint(server.Uuid, iat: Now - 5, userUuid: user);
            untouched = first.Tokens.Mint(server.Uuid, iat: Now - 5);
            (await first.Http.PostAsJsonAsync($"/api/servers/{server.Uuid}/ws/deny", new DenyRequest(["deny-me"]))).Dispose();
            (await first.Http.PostAsJsonAsync("/api/deauthorize-user", new DeauthorizeUserRequest(user, []))).Dispose();
        }
        try
        {
            await using var second = await TestNode.StartAsync(c => c.Servers = [server], data);
            Assert.Equal(SocketErrors.ErrorEvent(server.Uuid, SocketErrors.Denylisted), await AuthErrorAsync(second, denied));
            Assert.Equal(SocketErrors.ErrorEvent(server.Uuid, SocketErrors.Denylisted), await AuthErrorAsync(second, deauthorized));
            // beyond Wings: a still-valid token issued before the restart keeps working
            Assert.Null(await AuthErrorAsync(second, untouched));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task DenyBeforeBoot_WingsRule_RefusesOlderTokens()
    {
        await using var node = await TestNode.StartAsync(c => c.Tokens.DenyBeforeBoot = true);
        Assert.Equal(SocketErrors.ErrorEvent(node.ServerUuid, SocketErrors.Denylisted), await AuthErrorAsync(node, node.Tokens.Mint(node.ServerUuid, iat: Now - 30)));
        Assert.Null(await AuthErrorAsync(node, node.Tokens.Mint(node.ServerUuid, iat: Now + 2)));
    }

    private static string JtiOf(string jwt) =>
        new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(jwt).GetPayloadValue<string>("jti");
}
