using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Aerie.Panel.Api;

/// <summary>
/// Spec 04 §1.6: a fixed one-minute window per caller (user UUID, or IP when unauthenticated), one budget
/// for the Client API and one for the Application API. Every answer carries <c>X-RateLimit-Limit</c> and
/// <c>X-RateLimit-Remaining</c>; a refusal adds <c>Retry-After</c> and <c>X-RateLimit-Reset</c>.
/// </summary>
internal sealed class ApiRateLimiter(PanelOptions options, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Above this many callers, windows that have ended are swept out.</summary>
    private const int SweepThreshold = 10_000;

    private readonly ConcurrentDictionary<string, Counter> windows = new(StringComparer.Ordinal);

    /// <summary>Counts one request and sets the headers; false when over the limit (the caller answers 429).</summary>
    public bool TryAcquire(HttpContext http, string caller)
    {
        var application = http.Request.Path.StartsWithSegments("/api/application", StringComparison.OrdinalIgnoreCase);
        var limit = application ? options.ApplicationApiPerMinute : options.ClientApiPerMinute;
        var now = time.GetUtcNow();
        var counter = windows.GetOrAdd((application ? "a:" : "c:") + caller, _ => new Counter());
        int used;
        DateTimeOffset start;
        lock (counter)
        {
            if (now - counter.Start >= Window)
            {
                counter.Start = now;
                counter.Used = 0;
            }
            used = ++counter.Used;
            start = counter.Start;
        }
        if (windows.Count > SweepThreshold)
        {
            Sweep(now);
        }
        var headers = http.Response.Headers;
        headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = Math.Max(0, limit - used).ToString(CultureInfo.InvariantCulture);
        if (used <= limit)
        {
            return true;
        }
        var reset = start + Window;
        headers.RetryAfter = Math.Max(1, (int)Math.Ceiling((reset - now).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return false;
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, counter) in windows)
        {
            if (now - counter.Start >= Window)
            {
                windows.TryRemove(key, out _);
            }
        }
    }

    private sealed class Counter
    {
        public DateTimeOffset Start { get; set; } = DateTimeOffset.MinValue;

        public int Used { get; set; }
    }
}
