namespace Aerie.Node.Backups;

/// <summary>How the panel answered a backup report, as far as the node acts on it (spec 07 §4).</summary>
internal enum ReportOutcome
{
    /// <summary>Accepted (2xx), or no panel to tell.</summary>
    Delivered,

    /// <summary>400 "already marked as completed": an earlier attempt landed; the archive is kept.</summary>
    Landed,

    /// <summary>403/404 on a completion: not this node's or an unknown backup; the archive is deleted.</summary>
    Disowned,

    /// <summary>Any other 4xx: final, the archive is kept.</summary>
    Refused,

    /// <summary>Network error or 5xx: kept in the spool and retried with backoff.</summary>
    Retrying,

    /// <summary>Still not accepted 24 h after the first attempt: dropped from the spool, the archive is kept.</summary>
    GaveUp,
}
