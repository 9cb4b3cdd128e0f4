namespace Aerie.Panel.Api;

/// <summary>
/// The <c>code</c> values of spec 04's error bodies: Pterodactyl's exception class names, which client
/// libraries switch on, and the texts that go with them where the spec pins one.
/// </summary>
internal static class ApiErrorCodes
{
    public const string BadRequest = "BadRequestHttpException";
    public const string Display = "DisplayException";
    public const string Authentication = "AuthenticationException";
    public const string AccessDenied = "AccessDeniedHttpException";
    public const string Forbidden = "HttpForbiddenException";
    public const string NotFound = "NotFoundHttpException";
    public const string MethodNotAllowed = "MethodNotAllowedHttpException";
    public const string Conflict = "ConflictHttpException";
    public const string ServerStateConflict = "ServerStateConflictException";
    public const string PayloadTooLarge = "PayloadTooLargeHttpException";
    public const string UnsupportedMediaType = "UnsupportedMediaTypeHttpException";
    public const string TokenMismatch = "TokenMismatchException";
    public const string Validation = "ValidationException";
    public const string Throttle = "ThrottleRequestsException";
    public const string TooManyRequests = "TooManyRequestsHttpException";
    public const string InvalidFilter = "InvalidFilterQuery";
    public const string InvalidSort = "InvalidSortQuery";
    public const string Http = "HttpException";

    public const string UnauthenticatedText = "Unauthenticated.";
    public const string UnauthorizedText = "This action is unauthorized.";
    public const string ResourceNotFoundText = "The requested resource could not be found on the server.";
    public const string ThrottleText = "Too Many Attempts.";
    public const string UnexpectedText = "An unexpected error was encountered while processing this request, please try again.";
    public const string MalformedJsonPrefix = "The JSON data passed in the request appears to be malformed: ";

    /// <summary>The code for a status when the thrower named none.</summary>
    public static string For(int status) => status switch
    {
        400 => BadRequest,
        401 => Authentication,
        403 => AccessDenied,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => Conflict,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        419 => TokenMismatch,
        422 => Validation,
        429 => TooManyRequests,
        _ => Http,
    };

    /// <summary>Laravel's <c>$request-&gt;path()</c>: no leading slash, <c>/</c> for the root.</summary>
    public static string RoutePath(string path) => path.Trim('/') is { Length: > 0 } p ? p : "/";

    public static string RouteNotFound(string path) => $"The route {RoutePath(path)} could not be found.";

    public static string MethodNotSupported(string method, string path, IEnumerable<string> supported) =>
        $"The {method} method is not supported for route {RoutePath(path)}. Supported methods: {string.Join(", ", supported)}.";
}
