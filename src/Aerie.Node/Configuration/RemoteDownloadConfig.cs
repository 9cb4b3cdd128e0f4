namespace Aerie.Node.Configuration;

/// <summary><c>api.remote_download</c>: how a server's "pull from URL" (spec 06 §4) may leave the node.</summary>
internal sealed record RemoteDownloadConfig
{
    /// <summary>Redirects followed per download; each hop is checked again like the first.</summary>
    [KeyRange(0, 100)]
    public int MaxRedirects { get; set; } = 10;

    /// <summary>CIDRs (<c>10.1.0.0/16</c>), single addresses or host names re-allowed although they are in a blocked
    /// range (a mirror on the LAN), as Pelican's restore allowlist does. A host name allows whatever it resolves to
    /// at download time.</summary>
    public List<string> Allow { get; set; } = [];
}
