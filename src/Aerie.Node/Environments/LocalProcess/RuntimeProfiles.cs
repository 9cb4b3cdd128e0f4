using Aerie.Node.Configuration;

namespace Aerie.Node.Environments.LocalProcess;

/// <summary>
/// Which host toolchain runs a server's image on the process runtime (spec 05 §9): the node config's
/// <c>system.process_runtime.runtime_profiles</c>, then Aerie's built-in profiles for its own template images. An
/// exact reference wins over a prefix (<c>...:java_*</c>), a longer prefix over a shorter one, a configured entry over
/// a built-in one of the same reference.
/// </summary>
internal sealed class RuntimeProfiles(IEnumerable<RuntimeProfileConfig> configured)
{
    /// <summary>For servers with no image (raw-command servers): nothing added.</summary>
    public static readonly RuntimeProfileConfig None = new();

    /// <summary>Aerie's built-in templates (templates/ in the repository): the demo game, whose path comes in a
    /// variable, and games from Debian's packages, which Debian installs in /usr/games. Debian's
    /// /usr/games/minetestserver is a wrapper for the system service (its config in /etc, its log in /var/log, neither
    /// visible in the sandbox), so the Minetest image finds the real binary first.</summary>
    public static readonly IReadOnlyList<RuntimeProfileConfig> BuiltIn =
    [
        new() { Image = "~aerie/demo:*" },
        new() { Image = "~aerie/debian:minetest", Path = ["/usr/lib/minetest", "/usr/games"] },
        new() { Image = "~aerie/debian:*", Path = ["/usr/games"] },
    ];

    private readonly List<RuntimeProfileConfig> profiles = [.. configured, .. BuiltIn];

    /// <summary>The profile for <paramref name="image"/>, or null when none matches.</summary>
    public RuntimeProfileConfig? Find(string image)
    {
        if (image.Length == 0)
        {
            return None;
        }
        var exact = profiles.FirstOrDefault(p => !IsPrefix(p.Image) && p.Image == image);
        return exact ?? profiles
            .Where(p => IsPrefix(p.Image) && image.StartsWith(p.Image[..^1], StringComparison.Ordinal))
            .OrderByDescending(p => p.Image.Length)
            .FirstOrDefault();
    }

    /// <summary>The profile, or the start refused with the spec's message (console notice and `daemon error`).</summary>
    public RuntimeProfileConfig For(string image) =>
        Find(image) ?? throw new EnvironmentException($"no runtime profile for image {image}");

    /// <summary>Puts the profile's folders before <c>PATH</c> and sets its variables; called before the server's
    /// own variables are set, so those win.</summary>
    public static void Apply(RuntimeProfileConfig profile, IDictionary<string, string?> environment)
    {
        foreach (var (key, value) in profile.Environment)
        {
            environment[key] = value;
        }
        if (profile.Path.Count > 0)
        {
            var rest = environment.TryGetValue("PATH", out var path) && !string.IsNullOrEmpty(path) ? ":" + path : "";
            environment["PATH"] = string.Join(':', profile.Path) + rest;
        }
    }

    public static bool IsPrefix(string image) => image.EndsWith('*');
}
