using System.Globalization;

namespace Aerie.Up;

/// <summary>Parses <c>aerie up [--data DIR] [--panel-port N] [--node-port N]</c>; environment supplies the password.</summary>
internal static class UpArgs
{
    public const string Usage = "usage: aerie up [--data <folder>] [--panel-port <port>] [--node-port <port>]   (env: AERIE_ADMIN_PASSWORD)";

    public static UpOptions Parse(string[] args, Func<string, string?> environment)
    {
        var options = new UpOptions
        {
            DataFolder = ".data",
            AdminPassword = environment("AERIE_ADMIN_PASSWORD") is { Length: > 0 } p ? p : null,
        };
        for (var i = 0; i < args.Length; i++)
        {
            var (name, value) = Split(args, ref i);
            options = name switch
            {
                "--data" => options with { DataFolder = value.Length > 0 ? value : throw new UpError("--data needs a folder", 2) },
                "--panel-port" => options with { PanelPort = Port(name, value) },
                "--node-port" => options with { NodePort = Port(name, value) },
                _ => throw new UpError($"unknown option '{name}'; {Usage}", 2),
            };
        }
        if (options.AdminPassword is { Length: < 8 })
        {
            throw new UpError("AERIE_ADMIN_PASSWORD must be at least 8 characters", 2);
        }
        return options;
    }

    private static (string Name, string Value) Split(string[] args, ref int i)
    {
        var arg = args[i];
        var eq = arg.IndexOf('=', StringComparison.Ordinal);
        if (eq > 0)
        {
            return (arg[..eq], arg[(eq + 1)..]);
        }
        if (!arg.StartsWith("--", StringComparison.Ordinal) || arg is "--help" or "-h")
        {
            throw arg is "--help" or "-h" ? new UpError(Usage, 0) : new UpError($"unexpected argument '{arg}'; {Usage}", 2);
        }
        return i + 1 < args.Length ? (arg, args[++i]) : throw new UpError($"option '{arg}' needs a value", 2);
    }

    private static int Port(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65535
            ? port
            : throw new UpError($"{name} expects a port number (0-65535), got '{value}'", 2);
}
