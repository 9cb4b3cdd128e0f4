namespace Aerie.Testing;

/// <summary>
/// The one bounded poll: every wait names what it waits for and gives up after its timeout with a
/// <see cref="TimeoutException"/> saying so (and, when given, the last thing it saw).
/// </summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DefaultPoll = TimeSpan.FromMilliseconds(20);

    /// <summary>Polls until <paramref name="condition"/> holds.</summary>
    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        ValueAsync(() => Task.FromResult(condition()), done => done, what, timeout);

    /// <summary>As above, timeout first (the older call shape).</summary>
    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        TrueAsync(condition, what, timeout);

    /// <summary>Polls an async <paramref name="condition"/> (a query, an HTTP probe) until it holds.</summary>
    public static Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, TimeSpan? poll = null) =>
        ValueAsync(condition, done => done, what, timeout, poll);

    /// <summary>Polls <paramref name="probe"/> until its value satisfies <paramref name="done"/>, and returns that value.
    /// <paramref name="describe"/> renders the last value for the timeout message.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null,
        TimeSpan? poll = null, Func<T, string>? describe = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(what);
        var limit = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                var last = describe is null ? "" : "; last seen: " + describe(value);
                throw new TimeoutException($"timed out after {limit.TotalSeconds:0.#}s waiting for {what}{last}");
            }
            await Task.Delay(poll ?? DefaultPoll);
        }
    }
}
