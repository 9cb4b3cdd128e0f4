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
}
