namespace Aerie.Node.Configuration;

/// <summary>The node's configuration file (spec 03), Wings' key names where Wings has one.
/// Settable properties so YamlDotNet can bind them; tests build it in code with object initializers.</summary>
internal sealed record NodeConfig
{
    public string Uuid { get; set; } = "";
    public string TokenId { get; set; } = "";
    public string Token { get; set; } = "";

    /// <summary>Panel URL; empty = no panel (servers come from <see cref="Servers"/> only). Also the default allowed Origin.</summary>
    public string Remote { get; set; } = "";
    public ApiConfig Api { get; set; } = new();
    public SystemConfig System { get; set; } = new();
    public List<string> AllowedOrigins { get; set; } = [];
    public ThrottleConfig Throttles { get; set; } = new();

    /// <summary><c>process</c> (default) or <c>docker</c>.</summary>
    public string Runtime { get; set; } = "process";
    public DockerConfig Docker { get; set; } = new();
    public WebsocketConfig Websocket { get; set; } = new();
    public TokenConfig Tokens { get; set; } = new();
    public PowerConfig Power { get; set; } = new();
    public InstallerConfig Installer { get; set; } = new();

    /// <summary>Servers defined locally, so a node runs without a panel; mirror the panel's configuration document.</summary>
    public List<ServerEntry> Servers { get; set; } = [];
}

internal sealed record ApiConfig
{
    public string Host { get; set; } = "0.0.0.0";
    [KeyRange(1, 65535)]
    public int Port { get; set; } = 8080;
    public SslConfig Ssl { get; set; } = new();

    /// <summary>Wings' key: true answers the three <c>pull</c> routes (spec 06 §2) with 400, so no server can make the
    /// node fetch a URL.</summary>
    public bool DisableRemoteDownload { get; set; }

    public RemoteDownloadConfig RemoteDownload { get; set; } = new();

    /// <summary>Largest file one signed upload may carry (spec 06 §5, §6), MiB; Wings' key and default. The panel
    /// prints its node's upload size here.</summary>
    [KeyRange(1, 1_048_576, Unit = "MiB")]
    public long UploadLimit { get; set; } = 100;
}

internal sealed record SslConfig
{
    public bool Enabled { get; set; }
    public string Cert { get; set; } = "";
    public string Key { get; set; } = "";
}

internal sealed record SystemConfig
{
    /// <summary>Root of server folders (<c>&lt;data&gt;/&lt;uuid&gt;</c>); the daemon's own state lives in <c>&lt;data&gt;/.aerie</c>.</summary>
    public string Data { get; set; } = "/var/lib/aerie/volumes";
    [KeyRange(0, 100_000)]
    public int WebsocketLogCount { get; set; } = 150;

    /// <summary>Console log file size (bytes) before rotation, and how many rotated files to keep.</summary>
    [KeyRange(4096, 1L << 40, Unit = "bytes")]
    public long LogMaxBytes { get; set; } = 10 * 1024 * 1024;

    [KeyRange(0, 100)]
    public int LogKeep { get; set; } = 3;

    /// <summary>Seconds between stats frames while a server is not offline.</summary>
    [KeyRange(0.05, 3600)]
    public double StatsInterval { get; set; } = 1;

    /// <summary>Seconds between audit batches sent to the panel.</summary>
    [KeyRange(0.05, 3600)]
    public double ActivityInterval { get; set; } = 1;

    /// <summary>Seconds between walks of a running server's folder against its disk limit (Wings' key; Wings'
    /// default is 150).</summary>
    [KeyRange(1, 86_400)]
    public double DiskCheckInterval { get; set; } = 10;

    /// <summary>IANA time zone every game and installer gets as <c>TZ</c> (spec 05 §5.4), unless the server's
    /// <c>SERVER_TIMEZONE</c> variable names a valid one. Wings' key.</summary>
    public string Timezone { get; set; } = "UTC";

    /// <summary>Install scripts are written to <c>&lt;tmp_directory&gt;/&lt;uuid&gt;/install.sh</c> while they run; Wings' key.</summary>
    public string TmpDirectory { get; set; } = "/tmp/aerie";

    /// <summary>Install logs are kept in <c>&lt;log_directory&gt;/install/&lt;uuid&gt;.log</c>; Wings' key.</summary>
    public string LogDirectory { get; set; } = "/var/log/aerie";

    /// <summary>Local backups live in <c>&lt;backup_directory&gt;/&lt;server_uuid&gt;/&lt;backup_uuid&gt;.tar.gz</c> (spec 07 §3), outside
    /// every server root; Wings' key.</summary>
    public string BackupDirectory { get; set; } = "/var/lib/aerie/backups";

    public BackupsConfig Backups { get; set; } = new();

    public ProcessRuntimeConfig ProcessRuntime { get; set; } = new();
}

internal sealed record ThrottleConfig
{
    [KeyRange(1, 1_000_000)]
    public int Lines { get; set; } = 2000;

    /// <summary>Milliseconds (Wings' unit).</summary>
    [KeyRange(1, 3_600_000, Unit = "milliseconds")]
    public int LineResetInterval { get; set; } = 100;
}

internal sealed record DockerConfig
{
    public string Socket { get; set; } = "/var/run/docker.sock";

    /// <summary>Most processes (threads count) one server's container may hold, a fork-bomb guard. Node-wide like
    /// Wings' key of the same name (the panel's build settings carry no process limit); unlike Wings, never
    /// unlimited: 0 is refused, so every container has a ceiling.</summary>
    [KeyRange(1, 4_194_304)]
    public long ContainerPidLimit { get; set; } = 512;

    /// <summary>Numeric <c>uid:gid</c> every game runs as; the server's folder is handed to it before each start.
    /// Not an image's user: most images run as root. 988 is the uid the process runtime's sandbox uses too.</summary>
    public string ContainerUser { get; set; } = "988:988";

    /// <summary>The bridge network the daemon creates (inter-container traffic disabled) and attaches every
    /// container to, instead of the engine's default bridge.</summary>
    public string NetworkName { get; set; } = "aerie0";

    /// <summary>Cap on the engine's log file of one container, so a chatty game cannot fill the host's disk.
    /// The daemon's own console log (<c>system.log_max_bytes</c>) keeps the full history.</summary>
    [KeyRange(65_536, 1L << 30, Unit = "bytes")]
    public long LogMaxBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Size (MiB) of the memory-backed <c>/tmp</c> each container gets, since the rest of the image is
    /// read-only; Wings' key of the same name and meaning.</summary>
    [KeyRange(1, 1 << 20, Unit = "MiB")]
    public long TmpfsSize { get; set; } = 100;

    /// <summary>Memory limit (MiB) for a server whose own limit is 0 ("unlimited"); 0 = the host's total memory.</summary>
    [KeyRange(0, 1 << 24, Unit = "MiB")]
    public long MemoryCeiling { get; set; }

    public InstallerLimitsConfig InstallerLimits { get; set; } = new();
}

/// <summary><c>docker.installer_limits</c> (Wings' key): the least an install container gets, whatever the server's own
/// limits (spec 05 §7 step 7).</summary>
internal sealed record InstallerLimitsConfig
{
    [KeyRange(0, 1 << 24, Unit = "MiB")]
    public long Memory { get; set; } = 1024;

    /// <summary>% of one core; 0 = the installer is not CPU-limited.</summary>
    [KeyRange(0, 100_000, Unit = "% of one core")]
    public int Cpu { get; set; } = 100;
}

/// <summary><c>installer</c>: how install scripts end (spec 05 §7), beyond Wings.</summary>
internal sealed record InstallerConfig
{
    /// <summary>Seconds an install script may run before it is killed and the install reported failed.</summary>
    [KeyRange(1, 604_800)]
    public double Timeout { get; set; } = 3600;

    /// <summary>True reports a script's non-zero exit as a failed install (Wings ignores the exit code).</summary>
    public bool FailOnNonzeroExit { get; set; }
}
