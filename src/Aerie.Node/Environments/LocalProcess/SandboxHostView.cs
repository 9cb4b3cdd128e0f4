namespace Aerie.Node.Environments.LocalProcess;

/// <summary>What of the host every sandbox sees, read-only: the system folders programs need (not <c>/etc</c> as
/// a whole: it holds the node's config and other services' secrets), the operator's extra folders, and over
/// those, hidden, whatever of the node's own files they happen to contain.</summary>
internal static class SandboxHostView
{
    // Debian merges /bin, /lib... into /usr as symlinks; they are recreated as symlinks, not bound twice.
    private static readonly string[] SystemFolders = ["/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];

    // Name resolution, TLS roots, time zone, the dynamic loader's cache, Debian's alternatives (java, ...).
    private static readonly string[] EtcEntries =
    [
        "/etc/ssl", "/etc/ca-certificates", "/etc/resolv.conf", "/etc/hosts", "/etc/nsswitch.conf", "/etc/host.conf",
        "/etc/gai.conf", "/etc/localtime", "/etc/timezone", "/etc/alternatives", "/etc/ld.so.cache", "/etc/ld.so.conf",
        "/etc/ld.so.conf.d", "/etc/mime.types",
    ];

    /// <param name="extra">the operator's <c>read_only_paths</c>, full paths</param>
    /// <param name="private">the node's own files and folders (data root, config file): hidden wherever a bind exposes them</param>
    public static List<SandboxMount> Build(IEnumerable<string> extra, IEnumerable<string> @private)
    {
        var view = new List<SandboxMount>();
        foreach (var path in SystemFolders.Concat(EtcEntries))
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is { } target)
            {
                view.Add(SandboxMount.Symlink(target, path));
            }
            else if (info.Exists || Directory.Exists(path))
            {
                view.Add(SandboxMount.ReadOnly(path));
            }
        }
        view.AddRange(extra.Select(p => SandboxMount.ReadOnly(Path.GetFullPath(p))));
        var bound = view.Where(m => m.Kind == SandboxMountKind.ReadOnlyBind).Select(m => m.Target).ToList();
        foreach (var path in @private.Select(p => Path.GetFullPath(p)))
        {
            if (bound.Any(b => IsWithin(path, b)))
            {
                view.Add(Directory.Exists(path) ? SandboxMount.Hidden(path) : new SandboxMount(SandboxMountKind.ReadOnlyBind, "/dev/null", path));
            }
        }
        return view;
    }

    public static bool IsWithin(string path, string folder)
    {
        var root = folder.TrimEnd('/');
        return path == folder || path.StartsWith(root + "/", StringComparison.Ordinal);
    }
}
