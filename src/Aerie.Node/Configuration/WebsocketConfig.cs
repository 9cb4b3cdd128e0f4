namespace Aerie.Node.Configuration;

/// <summary>Console socket limits (spec 02). Durations in seconds, fractions allowed.</summary>
internal sealed record WebsocketConfig
{
    [KeyRange(1, 100_000)]
    public int MaxConnections { get; set; } = 30;

    /// <summary>(beyond Wings) The share of <see cref="MaxConnections"/>, in percent, that the sockets of one user
    /// (token <c>user_uuid</c>) may hold on one server (at least one socket), so one subuser cannot lock the owner out.</summary>
    [KeyRange(1, 100)]
    public int MaxPerUserPercent { get; set; } = 50;

    [KeyRange(0.05, 3600)]
    public double AuthTimeout { get; set; } = 30;

    [KeyRange(0.05, 3600)]
    public double PingInterval { get; set; } = 30;

    /// <summary>Sockets whose peer has not answered a ping within this many seconds are closed.</summary>
    [KeyRange(0.05, 3600)]
    public double PingTimeout { get; set; } = 30;

    /// <summary>Wings rejects requests without Origin; true restores that rule.</summary>
    public bool StrictOrigin { get; set; }

    /// <summary>Frames queued per socket before the oldest are dropped.</summary>
    [KeyRange(1, 1_000_000)]
    public int SendQueue { get; set; } = 4096;

    /// <summary>Seconds between token expiry checks (spec: at least every 30 s) and the warning window.</summary>
    [KeyRange(0.05, 30)]
    public double TokenCheckInterval { get; set; } = 30;

    [KeyRange(0, 3600)]
    public double TokenExpiringWindow { get; set; } = 60;

    /// <summary>Seconds a socket may stay open after its token expired without a fresh <c>auth</c>; then it is closed,
    /// so an idle socket cannot hold one of the server's <see cref="MaxConnections"/> for ever.</summary>
    [KeyRange(0, 3600)]
    public double ExpiredGrace { get; set; } = 60;

    /// <summary>Sockets of one server that are open but not yet authenticated.</summary>
    [KeyRange(1, 100_000)]
    public int MaxUnauthenticated { get; set; } = 60;

    /// <summary>Sockets from one client address (IPv6: one /64) that are open but not yet authenticated, over all servers.</summary>
    [KeyRange(1, 100_000)]
    public int MaxUnauthenticatedPerIp { get; set; } = 10;

    public RateConfig GlobalRate { get; set; } = new() { Burst = 10, Period = 0.2 };
    public RateConfig AuthRate { get; set; } = new() { Burst = 2, Period = 5 };
    public RateConfig LogsRate { get; set; } = new() { Burst = 2, Period = 5 };
    public RateConfig CommandRate { get; set; } = new() { Burst = 10, Period = 1 };
    public RateConfig OtherRate { get; set; } = new() { Burst = 4, Period = 1 };
}

/// <summary>A token bucket: <see cref="Burst"/> tokens, one more every <see cref="Period"/> seconds.</summary>
internal sealed record RateConfig
{
    [KeyRange(1, 100_000)]
    public int Burst { get; set; } = 4;

    [KeyRange(0.001, 3600)]
    public double Period { get; set; } = 1;
}

internal sealed record TokenConfig
{
    /// <summary>Longest accepted <c>exp − iat</c>, seconds.</summary>
    [KeyRange(1, 604_800)]
    public double MaxLifetime { get; set; } = 3600;

    /// <summary>How far in the future (by the node's clock) a token's <c>iat</c> may be, seconds: a node clock a
    /// little slow is tolerated, a token minted to outlive a revocation is not. 300 s is the slack spec 01 already
    /// grants slow node clocks (<c>nbf = iat − 300</c>).</summary>
    [KeyRange(0, 3600)]
    public double MaxClockSkew { get; set; } = 300;

    /// <summary>Wings' rule: refuse every token issued before the daemon started.</summary>
    public bool DenyBeforeBoot { get; set; }
}

internal sealed record PowerConfig
{
    /// <summary>Seconds a stop may take before the server is killed.</summary>
    [KeyRange(0.05, 86_400)]
    public double StopTimeout { get; set; } = 600;

    /// <summary>No automatic restart when the previous crash was less than this many seconds ago.</summary>
    [KeyRange(0, 86_400)]
    public double CrashGuard { get; set; } = 60;

    /// <summary>Seconds granted to servers to stop when the daemon shuts down, then they are killed.</summary>
    [KeyRange(0.05, 3600)]
    public double ShutdownTimeout { get; set; } = 10;
}
