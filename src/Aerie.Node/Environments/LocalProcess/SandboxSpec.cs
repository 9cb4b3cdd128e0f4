namespace Aerie.Node.Environments.LocalProcess;

/// <summary>What to run in a sandbox, independent of what asks (a game, an install script): the writable folders
/// and where they appear, the working directory inside, the command (an argv, never a shell string built here),
/// the user and the limits. The environment variables go to the process itself, not into the argv, so they do
/// not show in the host's process list.</summary>
internal sealed record SandboxSpec(
    IReadOnlyList<SandboxMount> Writable,
    string WorkingDirectory,
    IReadOnlyList<string> Command,
    SandboxUser User,
    SandboxLimits Limits);
