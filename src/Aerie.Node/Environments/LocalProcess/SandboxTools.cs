namespace Aerie.Node.Environments.LocalProcess;

/// <summary>The host programs the sandbox is made of, and the read-only view of the host every sandbox gets.</summary>
/// <param name="SwitchUser">false when the node is not root: setpriv cannot change user then, so games run as the
/// node's own user (still in their own namespaces, seeing only their folder).</param>
internal sealed record SandboxTools(string Bwrap, string Setpriv, string Prlimit, IReadOnlyList<SandboxMount> HostView, bool SwitchUser);
