using Aerie.Contracts.Tokens;
using Aerie.Node.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Node.Tests.Tokens;

/// <summary>The signed-URL token check (spec 06 §6 steps 1–5) as the routes call it, on a real node.</summary>
public sealed class SignedUrlValidatorTests
{
    private const string Scope = SignedUrlClaims.FileDownloadScope;

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static Task<SignedUrl?> CheckAsync(TestNode node, string token, string scope = Scope) =>
        node.App.Services.GetRequiredService<SignedUrlValidator>().ValidateAsync(token, scope);

    [Fact]
    public async Task Validate_GoodToken_ServerUserAndRouteClaims()
    {
        await using var node = await TestNode.StartAsync();
        var user = Guid.NewGuid().ToString();
        var url = await CheckAsync(node, node.Tokens.MintSignedUrl(node.ServerUuid, Scope, new Dictionary<string, object?> { [SignedUrlClaims.FilePath] = "a/b.txt" }, userUuid: user));
        Assert.NotNull(url);
        Assert.Equal(node.ServerUuid, url.Server.Uuid);
        Assert.Equal(user, url.UserUuid);
        Assert.Equal("a/b.txt", url.Claim(SignedUrlClaims.FilePath));
        // A scope list holding the route's scope among others is accepted.
        Assert.NotNull(await CheckAsync(node, node.Tokens.MintSignedUrl(node.ServerUuid, "file-upload file-download")));
    }

    [Fact]
    public async Task Validate_Reused_RefusedAlsoAfterRestart()
    {
        await using var node = await TestNode.StartAsync();
        var first = node.Tokens.MintSignedUrl(node.ServerUuid, Scope);
        var second = node.Tokens.MintSignedUrl(node.ServerUuid, Scope);
        Assert.NotNull(await CheckAsync(node, first));
        Assert.Null(await CheckAsync(node, first));
        // The use is on disk: a restarted node still refuses the replay, and a fresh token still works.
        await node.StopAsync();
        await node.ResumeAsync();
        Assert.Null(await CheckAsync(node, first));
        Assert.NotNull(await CheckAsync(node, second));
    }

    [Fact]
    public async Task Validate_ExpiredLongLivedOrFutureIssued_Refused()
    {
        await using var node = await TestNode.StartAsync(c => c.Tokens.MaxLifetime = 1000);
        Assert.Null(await CheckAsync(node, node.Tokens.MintSignedUrl(node.ServerUuid, Scope, iat: Now - 100, exp: Now - 1)));
        // exp == now is expired (no leeway).
        Assert.Null(await CheckAsync(node, node.Tokens.MintSignedUrl(node.ServerUuid, Scope, iat: Now - 100, exp: Now)));
        Assert.Null(await CheckAsync(node, node.Tokens.MintSignedUrl(node.ServerUuid, Scope, iat: Now, exp: Now + 1001)));
        Assert.Null(await CheckAsync(node, node.Tokens.MintSignedUrl(node.ServerUuid, Scope, iat: Now + 600, exp: Now + 900)));
        Assert.NotNull(await CheckAsync(node, node.Tokens.MintSignedUrl(node.ServerUuid, Scope, iat: Now, exp: Now + 1000)));
    }

    [Fact]
    public async Task Validate_BadlySignedOrNotAToken_Refused()
    {
        await using var node = await TestNode.StartAsync();
        Assert.Null(await CheckAsync(node, node.Tokens.MintSignedUrl(node.ServerUuid, Scope, key: "another-node-secret-0123456789abcdef0123456789abcdef")));
        Assert.Null(await CheckAsync(node, "not.a.jwt"));
        Assert.Null(await CheckAsync(node, ""));
        var good = node.Tokens.MintSignedUrl(node.ServerUuid, Scope);
        var parts = good.Split('.');
        // The payload changed under the same signature.
        var forged = parts[0] + "." + parts[1][..^2] + (parts[1][^2] == 'A' ? "B" : "A") + parts[1][^1] + "." + parts[2];
        Assert.Null(await CheckAsync(node, forged));
    }

    [Fact]
    public async Task Validate_OtherServerOrMissingClaims_Refused()
    {
        await using var node = await TestNode.StartAsync();
        Assert.Null(await CheckAsync(node, node.Tokens.MintSignedUrl(Guid.NewGuid().ToString(), Scope)));
        foreach (var claim in new[] { TokenClaims.IssuedAt, TokenClaims.UserUuid, TokenClaims.UniqueId, TokenClaims.ServerUuid, TokenClaims.Expires })
        {
            Assert.Null(await CheckAsync(node, node.Tokens.MintSignedUrl(node.ServerUuid, Scope, new Dictionary<string, object?> { [claim] = null })));
        }
    }

    [Fact]
    public async Task Validate_WrongScope_RefusedAndItsUseSpent()
    {
        await using var node = await TestNode.StartAsync();
        var token = node.Tokens.MintSignedUrl(node.ServerUuid, SignedUrlClaims.FileUploadScope);
        Assert.Null(await CheckAsync(node, token, Scope));
        Assert.Null(await CheckAsync(node, node.Tokens.MintSignedUrl(node.ServerUuid, TokenClaims.WebsocketScope)));
        // Single use is checked before scope (spec order): the token was spent by the failed attempt.
        Assert.Null(await CheckAsync(node, token, SignedUrlClaims.FileUploadScope));
    }

    [Fact]
    public async Task Validate_Revoked_ByJtiOrUser_Refused()
    {
        await using var node = await TestNode.StartAsync();
        var denied = Guid.NewGuid().ToString();
        var deauthorized = Guid.NewGuid().ToString();
        var revocations = node.App.Services.GetRequiredService<RevocationStore>();
        var iat = Now - 5;
        var deniedToken = node.Tokens.MintSignedUrl(node.ServerUuid, Scope, iat: iat, userUuid: denied);
        revocations.DenyJtis([new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(deniedToken).Id], Now);
        revocations.DeauthorizeUser(deauthorized, [node.ServerUuid], Now);
        Assert.Null(await CheckAsync(node, deniedToken));
        Assert.Null(await CheckAsync(node, node.Tokens.MintSignedUrl(node.ServerUuid, Scope, iat: iat, userUuid: deauthorized)));
        // Issued after the revocation: accepted.
        Assert.NotNull(await CheckAsync(node, node.Tokens.MintSignedUrl(node.ServerUuid, Scope, iat: Now + 1, userUuid: deauthorized)));
    }
}
