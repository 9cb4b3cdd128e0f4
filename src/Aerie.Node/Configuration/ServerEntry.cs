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
    [KeyRange(0, 65535)]
    public int Port { get; set; }
    public List<ConfigFileEntry> Configs { get; set; } = [];

    /// <summary>Gitignore-style patterns the file API refuses (an egg's <c>file_denylist</c>, spec 06 §5).</summary>
    public List<string> FileDenylist { get; set; } = [];
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
    [KeyRange(0, 1L << 24, Unit = "MiB")]
    public long Memory { get; set; }

    /// <summary>-1 = unlimited swap, as in Wings.</summary>
    [KeyRange(-1, 1L << 24, Unit = "MiB")]
    public long Swap { get; set; }

    [KeyRange(0, 100_000, Unit = "% of one core")]
    public int Cpu { get; set; }

    [KeyRange(0, 1L << 30, Unit = "MiB")]
    public long Disk { get; set; }
    public bool OomDisabled { get; set; }
}
