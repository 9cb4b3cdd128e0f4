namespace Aerie.Node.Tokens;

/// <summary>A validated console token: who, for which server, what they may do, until when (unix seconds).</summary>
internal sealed record ConsoleToken(
    string ServerUuid,
    string? UserUuid,
    string? Jti,
    IReadOnlyList<string> Permissions,
    long IssuedAt,
    long ExpiresAt)
{
    public bool Grants(string permission) => Contracts.Permissions.Permission.Grants(Permissions, permission);
}

/// <summary>Either a token or the exact protocol error string.</summary>
internal readonly record struct TokenResult(ConsoleToken? Token, string? Error)
{
    public static TokenResult Fail(string error) => new(null, error);
}
