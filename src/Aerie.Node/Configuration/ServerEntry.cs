namespace Aerie.Node.Configuration;

/// <summary>A server in the node's own config; mirrors the panel's configuration document (spec 03) flattened.</summary>
internal sealed record ServerEntry
{
    public string Uuid { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public bool Suspended { get; set; }
    public string Invocation { get; set; } = "";
    public Dictionary<string, string> Environment { get; set; } = [];
    public string Image { get; set; } = "";
    public List<string> Done { get; set; } = [];
    public bool StripAnsi { get; set; }
    public StopEntry Stop { get; set; } = new();
    public LimitsEntry Limits { get; set; } = new();
    public bool CrashDetectionEnabled { get; set; } = true;
    public string Ip { get; set; } = "0.0.0.0";
    public int Port { get; set; }
}

internal sealed record StopEntry
{
    /// <summary><c>command</c> or <c>signal</c>.</summary>
    public string Type { get; set; } = "command";
    public string Value { get; set; } = "stop";
}

/// <summary>Memory/swap/disk in MiB, cpu in % of one core (0 = unlimited).</summary>
internal sealed record LimitsEntry
{
    public long Memory { get; set; }
    public long Swap { get; set; }
    public int Cpu { get; set; }
    public long Disk { get; set; }
    public bool OomDisabled { get; set; }
}
