namespace Aerie.Node.Environments.LocalProcess;

/// <summary>The host interpreter for an egg's install entrypoint (spec 05 §9): <c>bash</c> for bash, <c>sh</c> for
/// Alpine's <c>ash</c> (the installer images' shells); anything else has no host equivalent here.</summary>
internal static class InstallInterpreter
{
    public static string? For(string entrypoint) => entrypoint.Trim() switch
    {
        "bash" or "/bin/bash" or "/usr/bin/bash" => "/bin/bash",
        "ash" or "/bin/ash" or "sh" or "/bin/sh" or "/usr/bin/sh" => "/bin/sh",
        _ => null,
    };
}
