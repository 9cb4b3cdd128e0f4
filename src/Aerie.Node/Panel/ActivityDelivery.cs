using Aerie.Contracts.RemoteApi;

namespace Aerie.Node.Panel;

/// <summary>What the panel did with a batch of audit records. Transient failures (panel down, 5xx) are thrown as
/// <see cref="HttpRequestException"/> instead: the batch is sent again later.</summary>
/// <param name="BatchRefused">The panel refused the batch as a whole (400, 413, 422): too large or malformed. Split it.</param>
/// <param name="Rejected">Entries the panel refused one by one; permanently bad, never sent again.</param>
internal sealed record ActivityDelivery(bool BatchRefused, IReadOnlyList<ActivityRejection> Rejected)
{
    public static readonly ActivityDelivery Stored = new(false, []);

    public static readonly ActivityDelivery Refused = new(true, []);
}
