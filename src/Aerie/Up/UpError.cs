namespace Aerie.Up;

/// <summary>A start-up failure the operator can fix: printed as one line, no stack trace. Exit code 0 = not a failure (<c>--help</c>).</summary>
internal sealed class UpError(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
