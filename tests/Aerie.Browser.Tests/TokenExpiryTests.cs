using Aerie.Browser.Tests.Support;
using Aerie.Contracts.Socket;
using static Microsoft.Playwright.Assertions;

namespace Aerie.Browser.Tests;

/// <summary>Console tokens live <see cref="UpFixture.TokenTtl"/>; an open console outlives its first token without a reload.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TokenExpiryTests(UpFixture up)
{
    [Fact]
    public async Task Console_AfterFirstTokenExpires_StillAnswersCommandsWithoutReload()
    {
        var server = await TestData.DemoServerAsync(up.Stack, "expiry");
        var page = await up.NewPageAsync();
        var credentialRequests = 0;
        page.Request += (_, request) =>
        {
            if (request.Url.EndsWith("/websocket", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref credentialRequests);
            }
        };
        await ConsolePage.LoginAsync(page, up.PanelUrl, "admin", UpFixture.AdminPassword);
        var console = await ConsolePage.OpenAsync(page, server.Identifier);
        // The first token was issued before the socket connected, so it is expired by then.
        var firstTokenExpired = DateTime.UtcNow + UpFixture.TokenTtl + TimeSpan.FromSeconds(2);
        await page.EvaluateAsync("() => { window.aerieSamePage = true; }");

        await console.StartButton.ClickAsync();
        await console.ExpectStateAsync(ServerStates.Running);
        var left = firstTokenExpired - DateTime.UtcNow;
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left);
        }

        Assert.True(Volatile.Read(ref credentialRequests) >= 2, $"the console fetched credentials {credentialRequests} time(s); a refresh was expected");
        await console.SendCommandAsync("say after-expiry");
        await console.ExpectTerminalAsync("[Server] after-expiry");
        Assert.True(await page.EvaluateAsync<bool>("() => window.aerieSamePage === true"), "the page was reloaded");
        await Expect(console.Connection).ToHaveClassAsync(ConsolePage.ConnectedClass());

        await console.StopButton.ClickAsync();
        await console.ExpectStateAsync(ServerStates.Offline);
        await page.Context.CloseAsync();
    }
}
