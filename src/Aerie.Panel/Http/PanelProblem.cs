using Aerie.Panel.Api;

namespace Aerie.Panel.Http;

/// <summary>
/// An expected refusal from an administration or account operation (validation, duplicate, not found).
/// Those paths are cold and deep, so a throw that <see cref="ErrorMiddleware"/> turns into spec 04's error
/// body keeps them short; the credentials hot path returns values instead.
/// </summary>
internal sealed class PanelProblem : Exception
{
    public PanelProblem(int status, string message, string? code = null)
        : this(status, [new ApiError(code ?? ApiErrorCodes.For(status), ApiErrors.Status(status), message)])
    {
    }

    public PanelProblem(int status, IReadOnlyList<ApiError> errors)
        : base(errors.Count > 0 ? errors[0].Detail : throw new ArgumentException("at least one error", nameof(errors)))
    {
        Status = status;
        Errors = errors;
    }

    public int Status { get; }

    /// <summary>One entry, or one per failed rule for a 422.</summary>
    public IReadOnlyList<ApiError> Errors { get; }

    public static PanelProblem Invalid(string message) => new(422, message);

    /// <summary>A 422 for one field and rule, as Laravel's validator reports it.</summary>
    public static PanelProblem Field(string field, string rule, string detail) =>
        new(422, [new ApiError(ApiErrorCodes.Validation, "422", detail, new ApiErrorMeta(field, rule))]);

    public static PanelProblem NotFound(string what) => new(404, what + " not found");

    public static PanelProblem Conflict(string message) => new(409, message);

    /// <summary>A business-rule refusal shown to the user (400, Pterodactyl's <c>DisplayException</c> or a subclass name).</summary>
    public static PanelProblem Display(string message, string code = ApiErrorCodes.Display) => new(400, message, code);

    public static PanelProblem Unauthorized() => new(403, ApiErrorCodes.UnauthorizedText, ApiErrorCodes.AccessDenied);
}
