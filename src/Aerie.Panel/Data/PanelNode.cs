namespace Aerie.Panel.Data;

internal sealed class PanelNode
{
    public int Id { get; set; }
    public Guid Uuid { get; set; } = Guid.NewGuid();
    public required string Name { get; set; }

    /// <summary>Where the panel calls the node (may be a private address).</summary>
    public required string InternalUrl { get; set; }
    public required string PublicScheme { get; set; }
    public required string PublicHost { get; set; }
    public int PublicPort { get; set; }
    public required string TokenId { get; set; }

    /// <summary>The 64-char secret, encrypted with Data Protection.</summary>
    public required string TokenSecretProtected { get; set; }

    /// <summary>Pterodactyl's node fields. <c>fqdn</c> and <c>scheme</c> are <see cref="PublicHost"/> and
    /// <see cref="PublicScheme"/>; <see cref="DaemonListen"/> is the node API's listen port (the public port unless behind a proxy).</summary>
    public int? LocationId { get; set; }
    public Location? Location { get; set; }
    public string Description { get; set; } = "";
    public bool Public { get; set; } = true;
    public bool BehindProxy { get; set; }
    public bool MaintenanceMode { get; set; }
    public long MemoryMb { get; set; }

    /// <summary>Percent over <see cref="MemoryMb"/> deployments may use; -1 = no limit.</summary>
    public int MemoryOverallocate { get; set; }
    public long DiskMb { get; set; }
    public int DiskOverallocate { get; set; }

    /// <summary>Largest upload through the panel, MiB.</summary>
    public int UploadSizeMb { get; set; } = 100;
    public int DaemonListen { get; set; } = 8080;
    public int DaemonSftp { get; set; } = 2022;
    public string DaemonBase { get; set; } = "/var/lib/aerie/volumes";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Changes on every update, so cached preflights keyed on it die with the old config.</summary>
    public Guid Stamp { get; set; } = Guid.NewGuid();
}
