namespace Aerie.Contracts.NodeApi;

/// <summary>Error texts of the node's remote-pull routes (spec 06 §2, §4), exact (Wings').</summary>
public static class PullErrors
{
    public const string Disabled = "This functionality is not currently enabled on this instance.";
    public const string TooMany = "This server has reached its limit of 3 simultaneous remote file downloads at once. Please wait for one to complete before trying again.";

    /// <summary>Followed by the reason the URL did not parse.</summary>
    public const string BadUrlPrefix = "An error occurred while parsing that URL: ";
}
