using Aerie.Panel.Api;
using Microsoft.AspNetCore.Http;

namespace Aerie.Panel.TwoFactor;

/// <summary>The two-factor answers of spec 04 (§1.2, §2.2) whose <c>code</c> is not the status's default one.</summary>
internal static class TwoFactorErrors
{
    public const string AlreadyEnabled = "Two-factor authentication is already enabled on this account.";
    public const string WrongPassword = "The password provided was not valid.";
    public const string InvalidToken = "The provided two-factor authentication token was not valid.";
    public const string Required = "Two-factor authentication is required on this account in order to access this endpoint.";

    public const string InvalidTokenCode = "TwoFactorAuthenticationTokenInvalid";
    public const string RequiredCode = "TwoFactorAuthRequiredException";

    public static IResult Result(int status, string code, string message) => ApiErrors.Result(status, message, code);
}
