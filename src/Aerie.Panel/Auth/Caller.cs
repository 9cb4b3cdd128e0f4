using Aerie.Panel.ApiKeys;
using Aerie.Panel.Data;
using Microsoft.AspNetCore.Http;

namespace Aerie.Panel.Auth;

/// <summary>The authenticated user of a request and how they proved it: with <see cref="Key"/>, or a session when null
/// (<see cref="Session"/>, when the resolver knows it: console tokens are tied to it).</summary>
internal sealed record Caller(PanelUser User, ApiKey? Key, UserSession? Session = null)
{
    public bool ViaApiKey => Key is not null;

    public bool ViaApplicationKey => Key is { KeyType: ApiKeyType.Application };

    private const string ItemKey = "aerie.caller";

    public void Attach(HttpContext context) => context.Items[ItemKey] = this;

    /// <summary>Only valid behind <see cref="AuthFilter"/>.</summary>
    public static Caller Of(HttpContext context) =>
        context.Items[ItemKey] as Caller ?? throw new InvalidOperationException("Route is missing the auth filter.");
}
