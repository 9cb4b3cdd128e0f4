namespace Aerie.Panel.Auth;

/// <summary>Cookie and header names of the browser session (docs/panel-api.md).</summary>
internal static class AuthCookies
{
    public const string Session = "session";
    public const string Csrf = "aerie_csrf";
    public const string CsrfHeader = "X-CSRF-Token";
}
