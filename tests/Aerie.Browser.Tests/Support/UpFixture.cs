using Aerie.Up;
using Microsoft.Playwright;

namespace Aerie.Browser.Tests.Support;

/// <summary>
/// One <c>aerie up</c> stack (panel + local node + demo server, started by the same code as the command, in a
/// temp data folder on free ports) and one headless Chromium, shared by the browser tests.
/// </summary>
public sealed class UpFixture : IAsyncLifetime
{
    /// <summary>Short enough that a test sees it expire, long enough to leave room before the node's warning window.</summary>
    public static readonly TimeSpan TokenTtl = TimeSpan.FromSeconds(20);
    public const string AdminPassword = "browser-test-admin-password";

    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), "aerie-browser-tests", Guid.NewGuid().ToString("N"));
    /// <summary>The first port of the panel's auto-allocation range.</summary>
    internal const int AutoAllocationLow = 41000;

    private UpStack? stack;
    private IPlaywright? playwright;
    private IBrowser? browser;

    internal UpStack Stack => stack ?? throw new InvalidOperationException("not started");
    public IBrowser Browser => browser ?? throw new InvalidOperationException("not started");
    public string PanelUrl => Stack.PanelUrl;

    public async Task InitializeAsync()
    {
        var chromium = Chromium.ExecutablePath();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        stack = await UpStack.StartAsync(new UpOptions
        {
            DataFolder = dataFolder,
            PanelPort = 0,
            NodePort = 0,
            AdminPassword = AdminPassword,
            TokenTtl = TokenTtl,
            // The Network page's "Add allocation" needs auto-allocation (off by default).
            TweakPanel = o => o with { AutoAllocationPorts = new Aerie.Panel.Allocations.PortRange(AutoAllocationLow, AutoAllocationLow + 99) },
            TweakNode = c =>
            {
                // Warn 8 s before expiry, checked every second, so a 20 s token is refreshed at ~12 s.
                c.Websocket.TokenCheckInterval = 1;
                c.Websocket.TokenExpiringWindow = 8;
                c.System.StatsInterval = 0.5;
                c.Power.ShutdownTimeout = 5;
            },
        }, timeout.Token);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(Chromium.LaunchOptions(chromium));
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }
        playwright?.Dispose();
        if (stack is not null)
        {
            await stack.DisposeAsync();
        }
        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // a game's last write may race the delete; the temp folder is cleaned by the OS eventually
        }
    }

    /// <summary>A fresh browser context (own cookies) with a desktop-sized page.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }
}
