using System.Globalization;
using Aerie.Bench.Infra;

namespace Aerie.Bench.Scenarios;

/// <summary>The ceiling broadcaster (`Aerie.Bench ceiling-host`) as a child process.</summary>
internal sealed class CeilingTarget : IBroadcastTarget
{
    private readonly ChildProcess child;
    private readonly HttpClient http;
    private readonly Uri baseUri;

    private CeilingTarget(ChildProcess child, Uri baseUri, double readyMs)
    {
        this.child = child;
        this.baseUri = baseUri;
        ReadyMs = readyMs;
        http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(20) };
    }

    public string Label => "ceiling";
    public double ReadyMs { get; }
    public int ProcessId => child.Id;
    public long Rss => child.Rss;
    public TimeSpan CpuTime => child.CpuTime;

    public static async Task<CeilingTarget> StartAsync()
    {
        var port = FreePort.Next();
        var child = ChildProcess.StartDll(Locator.BenchDll, "ceiling-host", "--port", port.ToString(CultureInfo.InvariantCulture));
        var baseUri = new Uri($"http://127.0.0.1:{port}");
        try
        {
            var ready = await child.WaitReadyAsync(new Uri(baseUri, "/ping"), TimeSpan.FromSeconds(30));
            return new CeilingTarget(child, baseUri, ready);
        }
        catch
        {
            child.Dispose();
            throw;
        }
    }

    public Uri SocketUri(int index) => new UriBuilder(baseUri) { Scheme = "ws", Path = "/ws" }.Uri;

    public async Task FloodAsync(int count, int rate)
    {
        using var response = await http.PostAsync(string.Create(CultureInfo.InvariantCulture, $"/flood?count={count}&rate={rate}"), null);
        response.EnsureSuccessStatusCode();
    }

    public async Task MarkAsync()
    {
        using var response = await http.PostAsync("/mark", null);
        response.EnsureSuccessStatusCode();
    }

    public void Dispose()
    {
        http.Dispose();
        child.Dispose();
    }
}
