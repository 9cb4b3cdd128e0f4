using System.Text.RegularExpressions;
using Aerie.Browser.Tests.Support;
using Aerie.Contracts.Socket;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aerie.Browser.Tests;

/// <summary>The administrator drives the demo server `aerie up` created, in a real browser; the screenshots in docs/ come from here.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ConsolePageTests(UpFixture up)
{
    [Fact]
    public async Task Console_StartCommandStatsStop_ShowsEachStep()
    {
        var page = await up.NewPageAsync();
        await page.GotoAsync(up.PanelUrl + "/login");
        await Expect(page.Locator("form.login button[type=submit]")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathOf("login.png") });

        await ConsolePage.LoginAsync(page, up.PanelUrl, "admin", UpFixture.AdminPassword);
        var console = await ConsolePage.OpenAsync(page, up.Stack.Provisioned.DemoServerIdentifier);
        await console.ExpectStateAsync(ServerStates.Offline);
        var offlineMemory = await console.Stats.Nth(1).InnerTextAsync();

        await Expect(console.StartButton).ToBeEnabledAsync();
        await console.StartButton.ClickAsync();
        await console.ExpectTerminalAsync("Starting Minecraft server");
        await console.ExpectStateAsync(ServerStates.Running);
        await console.ExpectTerminalAsync("Done (");

        await console.SendCommandAsync("say hello");
        await console.ExpectTerminalAsync("[Server] hello");

        // Live stats: the game holds memory (DEMO_MEMORY_MB) and the uptime keeps moving.
        await Expect(console.Stats.Nth(1)).Not.ToHaveTextAsync(offlineMemory);
        var uptime = await console.Stats.Nth(3).InnerTextAsync();
        await Expect(console.Stats.Nth(3)).Not.ToHaveTextAsync(uptime);
        await console.SendCommandAsync("list");
        await console.ExpectTerminalAsync("players online");
        // A few more samples so the screenshot's charts show a line.
        await Expect(console.Stats.Nth(3)).ToHaveTextAsync(FiveSecondsOrMore());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathOf("console.png") });

        await console.StopButton.ClickAsync();
        await console.ExpectStateAsync(ServerStates.Offline);
        await console.ExpectTerminalAsync("Saving worlds");
        Assert.Equal(ServerStates.Offline, TestData.NodeState(up.Stack, up.Stack.Provisioned.DemoServerUuid));
        await page.Context.CloseAsync();
    }

    [GeneratedRegex(@"00:00:(0[5-9]|[1-5]\d)")]
    private static partial Regex FiveSecondsOrMore();
}
