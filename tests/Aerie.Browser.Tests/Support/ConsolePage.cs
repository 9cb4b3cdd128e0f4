using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aerie.Browser.Tests.Support;

/// <summary>The web UI through the stable selectors of docs/ui.md ("Hooks for browser tests").</summary>
internal sealed partial class ConsolePage(IPage page)
{
    public IPage Page => page;
    public ILocator Badge => page.Locator(".console-head .badge");
    public ILocator Connection => page.Locator(".connection");
    public ILocator Terminal => page.Locator(".terminal .xterm-rows");
    public ILocator StartButton => page.Locator("button.power.start");
    public ILocator StopButton => page.Locator("button.power.stop");
    public ILocator CommandLine => page.Locator("input.command");
    public ILocator Stats => page.Locator(".stats .stat-value");

    public static async Task LoginAsync(IPage page, string panelUrl, string login, string password)
    {
        await page.GotoAsync(panelUrl + "/login");
        await page.Locator("input[name=login]").FillAsync(login);
        await page.Locator("input[name=password]").FillAsync(password);
        await page.Locator("form.login button[type=submit]").ClickAsync();
        await Expect(page.Locator("a.server-card").First).ToBeVisibleAsync();
    }

    /// <summary>Opens a console from the server list (as a person would) and waits for the socket.</summary>
    public static async Task<ConsolePage> OpenAsync(IPage page, string identifier)
    {
        await page.Locator($"a.server-card[href='/server/{identifier}']").ClickAsync();
        var console = new ConsolePage(page);
        await Expect(console.Connection).ToHaveClassAsync(ConnectedClass());
        return console;
    }

    public async Task SendCommandAsync(string line)
    {
        await CommandLine.FillAsync(line);
        await CommandLine.PressAsync("Enter");
    }

    public async Task ExpectStateAsync(string state, float timeoutMs = 20_000) =>
        await Expect(Badge).ToHaveTextAsync(state, new LocatorAssertionsToHaveTextOptions { Timeout = timeoutMs });

    public async Task ExpectTerminalAsync(string text, float timeoutMs = 15_000) =>
        await Expect(Terminal).ToContainTextAsync(text, new LocatorAssertionsToContainTextOptions { Timeout = timeoutMs });

    /// <summary>The class list of <see cref="Connection"/> while the socket is authenticated.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\bconnected\b")]
    public static partial System.Text.RegularExpressions.Regex ConnectedClass();
}
