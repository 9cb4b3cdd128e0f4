using System.Text.RegularExpressions;

namespace Aerie.Node.Environments.LocalProcess;

/// <summary>Turns <c>{{VAR}}</c> placeholders into <c>${VAR}</c> shell references: values reach the shell only
/// as environment variables, so a value such as <c>$(rm -rf /)</c> stays text.</summary>
internal static partial class InvocationRewriter
{
    // Pterodactyl's dotted built-ins map to the variables the daemon sets (SERVER_PORT, ...).
    private static readonly Dictionary<string, string> BuiltIns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["server.build.default.port"] = "SERVER_PORT",
        ["server.build.default.ip"] = "SERVER_IP",
        ["server.build.memory"] = "SERVER_MEMORY",
    };

    public static string Rewrite(string invocation) => Placeholder().Replace(invocation, m =>
    {
        var name = m.Groups[1].Value;
        if (BuiltIns.TryGetValue(name, out var builtIn))
        {
            return "${" + builtIn + "}";
        }
        return name.Contains('.', StringComparison.Ordinal) ? m.Value : "${" + name + "}";
    });

    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}")]
    private static partial Regex Placeholder();
}
