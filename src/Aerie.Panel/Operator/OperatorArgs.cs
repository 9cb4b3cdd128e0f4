namespace Aerie.Panel.Operator;

/// <summary>
/// Parses <c>--name value</c> options (repeatable ones collect every value) and bare <c>--flag</c>s.
/// Unknown options are refused, so a typo never silently does something else.
/// </summary>
internal sealed class OperatorArgs
{
    private readonly Dictionary<string, List<string>> values = new(StringComparer.Ordinal);
    private readonly HashSet<string> flags = new(StringComparer.Ordinal);

    private OperatorArgs()
    {
    }

    /// <param name="valued">options that take a value (without <c>--</c>)</param>
    /// <param name="switches">options that are flags</param>
    public static OperatorArgs Parse(string[] args, IEnumerable<string> valued, IEnumerable<string>? switches = null)
    {
        var takes = new HashSet<string>(valued.Concat(["data", "database"]), StringComparer.Ordinal);
        var isFlag = new HashSet<string>(switches ?? [], StringComparer.Ordinal);
        var parsed = new OperatorArgs();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new OperatorError($"unexpected argument '{arg}'");
            }
            var name = arg[2..];
            string? inline = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                inline = name[(eq + 1)..];
                name = name[..eq];
            }
            if (isFlag.Contains(name) && inline is null)
            {
                parsed.flags.Add(name);
                continue;
            }
            if (!takes.Contains(name))
            {
                throw new OperatorError($"unknown option '--{name}'");
            }
            var value = inline ?? (i + 1 < args.Length ? args[++i] : throw new OperatorError($"option '--{name}' needs a value"));
            if (!parsed.values.TryGetValue(name, out var list))
            {
                parsed.values[name] = list = [];
            }
            list.Add(value);
        }
        return parsed;
    }

    public string Required(string name) => Optional(name) ?? throw new OperatorError($"missing required option '--{name}'");

    public string? Optional(string name) => values.TryGetValue(name, out var list) ? list[^1] : null;

    public IReadOnlyList<string> All(string name) => values.TryGetValue(name, out var list) ? list : [];

    public bool Flag(string name) => flags.Contains(name);

    /// <summary>The panel options every command shares: <c>--data</c> (default <c>$AERIE_DATA</c> or <c>./data</c>) and <c>--database</c> (default <c>$AERIE_DATABASE</c>, else SQLite).</summary>
    public PanelOptions PanelOptions() => new()
    {
        DataFolder = Path.GetFullPath(Optional("data") ?? Environment.GetEnvironmentVariable("AERIE_DATA") ?? "data"),
        PostgresConnectionString = Optional("database") ?? NullIfEmpty(Environment.GetEnvironmentVariable("AERIE_DATABASE")),
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
