using Aerie.Node.Configuration;

namespace Aerie.Up;

/// <summary>What <c>aerie up</c> starts: a panel and a local node on loopback, sharing one data folder.</summary>
internal sealed record UpOptions
{
    /// <summary>Holds <c>panel/</c> (SQLite, keys), <c>node/</c> (server folders, daemon state) and <c>node.yml</c>.</summary>
    public required string DataFolder { get; init; }

    /// <summary>0 = any free port (tests).</summary>
    public int PanelPort { get; init; } = 8080;
    public int NodePort { get; init; } = 8081;

    /// <summary>The administrator's password (from <c>AERIE_ADMIN_PASSWORD</c>); null = generated on first run.</summary>
    public string? AdminPassword { get; init; }

    public TimeSpan TokenTtl { get; init; } = TimeSpan.FromSeconds(900);

    /// <summary>Adjusts the node config before it is written (tests shorten the token windows).</summary>
    public Action<NodeConfig>? TweakNode { get; init; }

    /// <summary>Adjusts the panel's options before it starts (tests: e.g. auto-allocation on).</summary>
    public Func<Aerie.Panel.PanelOptions, Aerie.Panel.PanelOptions>? TweakPanel { get; init; }
}
