using Aerie.Contracts.Socket;

namespace Aerie.Node.Tokens;

/// <summary>A validated console token: who, for which server, what they may do, until when (unix seconds), and through
/// which panel session or API key it was minted (<see cref="Grant"/>, Aerie's claim; null from other panels).</summary>
internal sealed record ConsoleToken(
    string ServerUuid,
    string? UserUuid,
    string? Jti,
    IReadOnlyList<string> Permissions,
    long IssuedAt,
    long ExpiresAt,
    string? Grant = null)
{
    public bool Grants(string permission) => Contracts.Permissions.Permission.Grants(Permissions, permission);
}

/// <summary>Either a token or the exact protocol error string.</summary>
internal readonly record struct TokenResult(ConsoleToken? Token, string? Error)
{
    public static TokenResult Fail(string error) => new(null, error);

    /// <summary>Spec 02 answers only its five token errors with <c>jwt error</c> (clients match them to fetch a new
    /// token); any other failure (bad signature, not a JWT) is a <c>daemon error</c>, as in Wings.</summary>
    public static bool IsJwtError(string error) => error is SocketErrors.NoJwt or SocketErrors.ExpInvalid or SocketErrors.Denylisted
        or SocketErrors.MissingConnect or SocketErrors.ServerMismatch;
}
