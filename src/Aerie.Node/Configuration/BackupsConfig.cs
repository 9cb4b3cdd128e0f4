namespace Aerie.Node.Configuration;

/// <summary><c>system.backups</c> (spec 07 §2, §3, §5): Wings' keys where Wings has them.</summary>
internal sealed record BackupsConfig
{
    /// <summary>Archives written at once, node-wide; the rest wait in order (beyond Wings).</summary>
    [KeyRange(1, 64)]
    public int Concurrency { get; set; } = 2;

    /// <summary><c>none</c>, <c>best_speed</c> (gzip 1) or <c>best_compression</c> (gzip 9).</summary>
    public string CompressionLevel { get; set; } = "best_speed";

    /// <summary>MiB/s for archive writes and local restore reads; 0 = unlimited.</summary>
    [KeyRange(0, 1 << 20, Unit = "MiB/s")]
    public long WriteLimit { get; set; }

    /// <summary>Pelican's key: a deleted server's backups go with it.</summary>
    public bool RemoveBackupsOnServerDelete { get; set; } = true;

    /// <summary>Hosts, IPs or CIDRs an S3 restore link may resolve to even when they are not global unicast (§5.1).</summary>
    public List<string> RestoreHostAllowlist { get; set; } = [];
}
