using Aerie.Panel.Auth;

namespace Aerie.Panel.Credentials;

/// <summary>Spec 01: the token id is deterministic per (user, server), so a node can deny it ahead of expiry.</summary>
internal static class ConsoleJti
{
    public static string Of(Guid userUuid, Guid serverUuid) => Secrets.Sha256Hex($"{userUuid:D}:{serverUuid:D}");
}
