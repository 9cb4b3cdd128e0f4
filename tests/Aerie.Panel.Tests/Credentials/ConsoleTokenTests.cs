using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aerie.Contracts.Permissions;
using Aerie.Contracts.Tokens;
using Aerie.Panel.Data;
using Aerie.Panel.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Aerie.Panel.Tests.Credentials;

/// <summary>Spec 01's token: header, every claim, verified with the node's secret; effective permissions per role.</summary>
public abstract class ConsoleTokenTests(PanelFixture fixture)
{
    protected PanelFixture Fixture { get; } = fixture;

    [Fact]
    public async Task Token_EveryClaim_MatchesSpecAndVerifiesWithNodeSecret()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var jwt = await ValidateAsync(owner, server);
        var after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        Assert.Equal("HS256", jwt.Alg);
        Assert.Equal("JWT", jwt.Typ);
        var jti = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{owner.Uuid}:{server.Uuid}")));
        Assert.True(jwt.TryGetHeaderValue<string>("jti", out var headerJti));
        Assert.Equal(jti, headerJti);
        Assert.Equal(jti, jwt.GetClaim(TokenClaims.Jti).Value);
        Assert.Equal(server.Uuid.ToString(), jwt.GetClaim(TokenClaims.ServerUuid).Value);
        Assert.Equal(owner.Uuid.ToString(), jwt.GetClaim(TokenClaims.UserUuid).Value);
        Assert.Equal(owner.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), jwt.GetClaim(TokenClaims.UserId).Value);
        Assert.Equal(TokenClaims.WebsocketScope, jwt.GetClaim(TokenClaims.Scope).Value);
        Assert.Equal("http://panel.test", jwt.Issuer);
        Assert.Equal("https://node.example.com:8080", Assert.Single(jwt.Audiences));
        var iat = Payload(jwt).GetProperty("iat").GetInt64();
        Assert.InRange(iat, before, after);
        Assert.Equal(iat - 300, Payload(jwt).GetProperty("nbf").GetInt64());
        Assert.Equal(iat + 90, Payload(jwt).GetProperty("exp").GetInt64());
        Assert.Equal(server.Uuid.ToString(), Payload(jwt).GetProperty("server").GetProperty("uuid").GetString());
        var user = Payload(jwt).GetProperty("user");
        Assert.Equal(owner.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), user.GetProperty("id").GetString());
        Assert.Equal(owner.Uuid.ToString(), user.GetProperty("uuid").GetString());
        Assert.Equal($"{owner.Id}:{server.Uuid}", jwt.GetClaim(TokenClaims.IdentifiedBy).Value);
        Assert.Equal(16, jwt.GetClaim(TokenClaims.UniqueId).Value.Length);
    }

    [Fact]
    public async Task Token_UniqueId_DiffersPerTokenWhileJtiStays()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        var a = await ValidateAsync(owner, server);
        var b = await ValidateAsync(owner, server);
        Assert.Equal(a.Id, b.Id);
        Assert.NotEqual(a.GetClaim(TokenClaims.UniqueId).Value, b.GetClaim(TokenClaims.UniqueId).Value);
    }

    [Fact]
    public async Task Token_WrongSecret_FailsValidation()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(owner));
        var (token, _) = await CredentialsRequests.GetAsync(client, server.Identifier);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, Parameters(new string('x', 64)));
        Assert.False(result.IsValid);
    }

    [Fact]
    public async Task Token_Owner_GetsWildcard()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        Assert.Equal([Permission.All], Permissions(await ValidateAsync(owner, server)));
    }

    [Fact]
    public async Task Token_Administrator_GetsWildcardAndAdminPermissions()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (admin, _) = await Fixture.CreateUserAsync(admin: true);
        var server = await Fixture.CreateServerAsync(owner);
        Assert.Equal(["*", "admin.websocket.errors", "admin.websocket.install", "admin.websocket.transfer"], Permissions(await ValidateAsync(admin, server)));
    }

    [Fact]
    public async Task Token_Subuser_GetsExactlyStoredList()
    {
        var (owner, _) = await Fixture.CreateUserAsync();
        var (sub, _) = await Fixture.CreateUserAsync();
        var server = await Fixture.CreateServerAsync(owner);
        await Fixture.AddSubuserAsync(server, sub, Permission.ControlConsole, Permission.ControlStart);
        Assert.Equal([Permission.WebsocketConnect, Permission.ControlConsole, Permission.ControlStart], Permissions(await ValidateAsync(sub, server)));
    }

    private async Task<JsonWebToken> ValidateAsync(PanelUser user, GameServer server)
    {
        using var client = Fixture.ApiKeyClient(await Fixture.CreateApiKeyAsync(user));
        var (token, _) = await CredentialsRequests.GetAsync(client, server.Identifier);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, Parameters(Fixture.NodeSecret));
        Assert.True(result.IsValid, result.Exception?.Message);
        return (JsonWebToken)result.SecurityToken;
    }

    private static TokenValidationParameters Parameters(string secret) => new()
    {
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)),
        ValidIssuer = "http://panel.test",
        ValidAudience = "https://node.example.com:8080",
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.Zero,
    };

    private static JsonElement Payload(JsonWebToken jwt) =>
        JsonDocument.Parse(Base64UrlEncoder.Decode(jwt.EncodedPayload)).RootElement;

    private static string[] Permissions(JsonWebToken jwt) =>
        [.. Payload(jwt).GetProperty("permissions").EnumerateArray().Select(e => e.GetString()!)];
}
