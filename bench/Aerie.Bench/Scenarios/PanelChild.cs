using System.Globalization;
using Aerie.Bench.Infra;

namespace Aerie.Bench.Scenarios;

/// <summary>`aerie panel` as a child process over a SQLite data folder.</summary>
internal sealed class PanelChild : IDisposable
{
    private readonly ChildProcess child;

    private PanelChild(ChildProcess child, double readyMs)
    {
        this.child = child;
        ReadyMs = readyMs;
    }

    public double ReadyMs { get; }
    public long Rss => child.Rss;

    public static async Task<PanelChild> StartAsync(string dataDir)
    {
        var port = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var url = "http://127.0.0.1:" + port;
        var child = ChildProcess.StartDll(Locator.AerieDll, "panel", "--data", dataDir, "--listen", url, "--public-url", url);
        try
        {
            return new PanelChild(child, await child.WaitReadyAsync(new Uri(url + "/api/client"), TimeSpan.FromSeconds(60)));
        }
        catch
        {
            child.Dispose();
            throw;
        }
    }

    public void Dispose() => child.Dispose();
}
