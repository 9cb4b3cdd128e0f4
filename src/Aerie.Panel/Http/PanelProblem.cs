namespace Aerie.Panel.Http;

/// <summary>
/// An expected refusal from an administration or account operation (validation, duplicate, not found).
/// Those paths are cold and deep, so a throw that <see cref="ErrorMiddleware"/> turns into the error
/// body keeps them short; the credentials hot path returns values instead.
/// </summary>
internal sealed class PanelProblem(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static PanelProblem Invalid(string message) => new(422, message);

    public static PanelProblem NotFound(string what) => new(404, what + " not found");

    public static PanelProblem Conflict(string message) => new(409, message);

    // Same signatures as the shared API conventions (branch pteroclient), which carry the code and the rule;
    // until that lands they keep only the status and text.

    /// <summary>A 422 for one field and rule, as Laravel's validator reports it.</summary>
    public static PanelProblem Field(string field, string rule, string detail) => new(422, detail);

    /// <summary>A business-rule refusal shown to the user (400, Pterodactyl's <c>DisplayException</c> or a subclass name).</summary>
    public static PanelProblem Display(string message, string code = "DisplayException") => new(400, message);
}
