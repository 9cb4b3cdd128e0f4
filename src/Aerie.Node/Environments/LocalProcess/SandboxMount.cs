namespace Aerie.Node.Environments.LocalProcess;

/// <summary>One entry of the sandbox's file system, in the order bubblewrap applies them.</summary>
internal sealed record SandboxMount(SandboxMountKind Kind, string Source, string Target)
{
    public static SandboxMount ReadOnly(string path) => new(SandboxMountKind.ReadOnlyBind, path, path);

    public static SandboxMount Writable(string source, string target) => new(SandboxMountKind.Bind, source, target);

    public static SandboxMount Symlink(string linkTarget, string path) => new(SandboxMountKind.Symlink, linkTarget, path);

    /// <summary>An empty, read-only folder over <paramref name="path"/>: what a read-only bind exposed but must not.</summary>
    public static SandboxMount Hidden(string path) => new(SandboxMountKind.Hide, "", path);
}

internal enum SandboxMountKind
{
    ReadOnlyBind,
    Bind,
    Symlink,
    Hide,
}
