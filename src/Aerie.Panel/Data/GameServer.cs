namespace Aerie.Panel.Data;

internal sealed class GameServer
{
    /// <summary>The Application API's id; other tables that predate it reference <see cref="Uuid"/> (an alternate key).</summary>
    public int Id { get; set; }
    public Guid Uuid { get; set; } = Guid.NewGuid();

    /// <summary>First 8 hex characters of the UUID.</summary>
    public required string Identifier { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public int OwnerId { get; set; }
    public PanelUser? Owner { get; set; }
    public int? NodeId { get; set; }
    public PanelNode? Node { get; set; }
    public bool Suspended { get; set; }
    public string? Status { get; set; }

    /// <summary>When the node last reported an install (successful or not); null until the first report.</summary>
    public DateTimeOffset? InstalledAt { get; set; }
    public required string Invocation { get; set; }
    public string EnvironmentJson { get; set; } = "{}";
    public string DoneJson { get; set; } = "[]";
    public string StopType { get; set; } = "command";
    public string StopValue { get; set; } = "stop";
    public long MemoryMb { get; set; }
    public int CpuPercent { get; set; }
    public long DiskMb { get; set; }
    public string Image { get; set; } = "";

    /// <summary>A billing system's id for the server; unique when set.</summary>
    public string? ExternalId { get; set; }

    /// <summary>MiB; -1 = unlimited, 0 = none.</summary>
    public long SwapMb { get; set; }

    /// <summary>Block-IO weight 10-1000.</summary>
    public int Io { get; set; } = 500;

    /// <summary>CPU pinning such as <c>0-1,3</c>; null = any.</summary>
    public string? Threads { get; set; }
    public bool OomDisabled { get; set; } = true;
    public int? DatabaseLimit { get; set; }
    public int? AllocationLimit { get; set; }
    public int? BackupLimit { get; set; }

    /// <summary>The server's backup retention policy (spec 07 §9) as JSON; null = the defaults.</summary>
    public string? BackupRetentionJson { get; set; }

    /// <summary>Null for a raw-command server (the operator CLI's and the demo's): its <see cref="Invocation"/>
    /// and <see cref="EnvironmentJson"/> are used as given.</summary>
    public int? EggId { get; set; }

    /// <summary>Pterodactyl's <c>skip_scripts</c>: the node reports installs done without running the egg's script.
    /// Raw-command servers always skip (they have no script).</summary>
    public bool SkipScripts { get; set; }
    public Eggs.Egg? Egg { get; set; }

    /// <summary>The primary allocation; one of the allocations whose ServerId is this server.</summary>
    public int? AllocationId { get; set; }
    public Allocation? Allocation { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid Stamp { get; set; } = Guid.NewGuid();
}
