namespace Aerie.Up;

/// <summary>A start-up failure the operator can fix: printed as one line, no stack trace; exit code 2 = bad input.</summary>
internal sealed class UpError(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
