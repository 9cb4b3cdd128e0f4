using Aerie.Bench.Infra;

namespace Aerie.Bench.Scenarios;

/// <summary>Closed-loop HTTP load: <c>clients</c> workers each send the next GET as soon as the last answered,
/// for at most <c>duration</c> and at most <c>maxRequests</c> in total.</summary>
internal static class HttpLoad
{
    public sealed record Result(int Ok, int Failed, double RequestsPerSecond, double P50Ms, double P99Ms);

    public static async Task<Result> RunAsync(HttpClient http, string path, int clients, TimeSpan duration, int maxRequests)
    {
        var issued = 0;
        var failed = 0;
        var samples = new List<double>[clients];
        var start = MonoClock.Now;
        var end = start + (long)(duration.TotalSeconds * System.Diagnostics.Stopwatch.Frequency);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(i => Task.Run(async () =>
        {
            var mine = samples[i] = [];
            while (MonoClock.Now < end && Interlocked.Increment(ref issued) <= maxRequests)
            {
                var t0 = MonoClock.Now;
                try
                {
                    using var response = await http.GetAsync(path);
                    await response.Content.ReadAsByteArrayAsync();
                    if (response.IsSuccessStatusCode)
                    {
                        mine.Add(MonoClock.MsSince(t0));
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        })));
        var elapsed = MonoClock.MsSince(start) / 1000.0;
        var all = Percentiles.Sorted(samples.SelectMany(s => s));
        return new Result(all.Count, failed, all.Count / elapsed, Percentiles.Of(all, 50), Percentiles.Of(all, 99));
    }
}
