namespace Aerie.Contracts.RemoteApi;

/// <summary>
/// Sizes both ends of <c>POST /api/remote/activity</c> agree on. The node cuts an entry to
/// <see cref="MaxEntryBytes"/> before it is queued and packs batches up to <see cref="MaxBatchBytes"/>, which
/// stays under the panel's default request body limit (64 KiB) even when one entry is at its cap.
/// </summary>
public static class ActivityLimits
{
    /// <summary>Largest entry, as compact JSON in UTF-8 (escapes such as <c>\u003C</c> for <c>&lt;</c> count).</summary>
    public const int MaxEntryBytes = 16 * 1024;

    /// <summary>Largest request body the node sends.</summary>
    public const int MaxBatchBytes = 48 * 1024;

    /// <summary>Most entries in one batch; the panel refuses a longer list with 422.</summary>
    public const int MaxBatchEntries = 500;
}
