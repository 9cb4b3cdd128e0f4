using Aerie.Contracts.Tokens;
using Aerie.Panel.Credentials;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Aerie.Panel.Tests.Testing;

/// <summary>The kit's minter uses the panel's token id, so a denial the panel sends matches tokens the tests mint.</summary>
public sealed class TokenMinterTests
{
    [Fact]
    public void Mint_Jti_IsThePanelsConsoleJti()
    {
        var (user, server) = (Guid.NewGuid(), Guid.NewGuid());
        var token = new JsonWebToken(new TokenMinter(TestNode.DefaultSecret).Mint(server.ToString(), userUuid: user.ToString()));
        Assert.Equal(ConsoleJti.Of(user, server), token.GetClaim(TokenClaims.Jti).Value);
    }
}
