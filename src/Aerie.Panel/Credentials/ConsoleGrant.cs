using Aerie.Panel.Auth;
using Aerie.Panel.Data;

namespace Aerie.Panel.Credentials;

/// <summary>The <c>aerie_grant</c> claim of a console token: the panel session or API key it was minted through, so that
/// a logout or a deleted key revokes exactly those tokens on the nodes (spec 01 revocation). Ids, never secrets: the
/// token is readable by its holder.</summary>
internal static class ConsoleGrant
{
    public static string OfSession(int sessionId) => "session:" + sessionId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string OfKey(ApiKey key) => "key:" + key.Identifier;

    public static string? Of(Caller caller) =>
        caller.Key is { } key ? OfKey(key) : caller.Session is { } session ? OfSession(session.Id) : null;

    /// <summary>When the session or key stops being valid: no token minted through it may outlive that.</summary>
    public static DateTimeOffset? EndOf(Caller caller) =>
        caller.Key is { } key ? key.ExpiresAt
        : caller.Session is { } session ? DateTimeOffset.FromUnixTimeMilliseconds(session.ExpiresAtUnixMs)
        : null;
}
