using Aerie.Node.Servers;

namespace Aerie.Node.Files;

/// <summary>A server's disk limit as the file API sees it (spec 06 §5): <c>build.disk_space</c> against the
/// in-memory usage figure of <see cref="DiskUsage"/>, which every write adjusts.</summary>
internal sealed class DiskQuota(DiskUsage usage, Func<long> limitBytes)
{
    /// <summary>No limit and no accounting: for callers that write outside any server's budget (tests, tools).</summary>
    public static DiskQuota Unlimited(string root) => new(new DiskUsage(root, TimeProvider.System), () => 0);

    public long LimitBytes => limitBytes();

    public long UsedBytes => usage.Bytes();

    /// <summary>Whether growing by <paramref name="delta"/> bytes stays within the limit (checked before a write).</summary>
    public bool Fits(long delta) => LimitBytes <= 0 || delta <= 0 || usage.Bytes() + delta <= LimitBytes;

    /// <summary>Takes <paramref name="delta"/> bytes of the budget while streaming; false when over the limit.</summary>
    public bool TryTake(long delta) => usage.TryAdd(delta, LimitBytes);

    /// <summary>Gives bytes back (a file removed or shrunk, a write that failed).</summary>
    public void Release(long delta) => usage.Adjust(-delta);
}
