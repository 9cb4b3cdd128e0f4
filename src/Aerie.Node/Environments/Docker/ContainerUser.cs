using System.Globalization;

namespace Aerie.Node.Environments.Docker;

/// <summary>The numeric user a game runs as inside its container (node config <c>docker.container_user</c>,
/// <c>uid:gid</c>). Numeric only: a name would be looked up in the image's <c>/etc/passwd</c>, which the image
/// author controls, and the daemon needs the numbers to hand the server's folder over.</summary>
internal readonly record struct ContainerUser(uint Uid, uint Gid)
{
    /// <summary>Unprivileged and the same as the process runtime's sandbox, so a folder moves between runtimes as is.</summary>
    public static readonly ContainerUser Default = new(988, 988);

    /// <summary>Highest id accepted: Linux ids are 32-bit, and (uid_t)-1 means "unchanged" to chown.</summary>
    private const uint MaxId = int.MaxValue;

    public static bool TryParse(string text, out ContainerUser user)
    {
        user = default;
        var parts = text.Split(':');
        if (parts.Length != 2 || !TryId(parts[0], out var uid) || !TryId(parts[1], out var gid))
        {
            return false;
        }
        user = new ContainerUser(uid, gid);
        return true;
    }

    /// <summary>The engine's <c>User</c> field.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Uid}:{Gid}");

    private static bool TryId(string text, out uint id) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id <= MaxId;
}
