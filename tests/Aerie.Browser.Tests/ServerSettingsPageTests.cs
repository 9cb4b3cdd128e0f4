using Aerie.Browser.Tests.Support;
using Aerie.Panel.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Aerie.Browser.Tests;

/// <summary>The console page's Settings form renames the server through <c>POST …/settings/rename</c>; a subuser without the permission has no form.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ServerSettingsPageTests(UpFixture up)
{
    [Fact]
    public async Task Owner_RenamesFromConsolePage_SubuserWithoutPermissionSeesNoForm()
    {
        var server = await TestData.DemoServerAsync(up.Stack, "rename-me");
        var page = await up.NewPageAsync();
        await ConsolePage.LoginAsync(page, up.PanelUrl, "admin", UpFixture.AdminPassword);
        await ConsolePage.OpenAsync(page, server.Identifier);
        var name = page.Locator("form.rename input[name=server-name]");
        await Expect(name).ToHaveValueAsync("rename-me");
        await name.FillAsync("renamed in the browser");
        await page.Locator("form.rename button[type=submit]").ClickAsync();
        await Expect(page.Locator(".console-head h1")).ToContainTextAsync("renamed in the browser");
        await Eventually.TrueAsync(async () =>
        {
            await using var scope = up.Stack.Panel.Services.CreateAsyncScope();
            var row = await scope.ServiceProvider.GetRequiredService<PanelDb>().Servers.AsNoTracking().FirstAsync(s => s.Id == server.Id);
            return row.Name == "renamed in the browser";
        }, "the panel to store the new name");
        await page.Context.CloseAsync();

        var user = await TestData.UserAsync(up.Stack, "norename");
        await TestData.SubuserAsync(up.Stack, server, user, "websocket.connect");
        var subPage = await up.NewPageAsync();
        await ConsolePage.LoginAsync(subPage, up.PanelUrl, user.Username, TestData.Password);
        await ConsolePage.OpenAsync(subPage, server.Identifier);
        await Expect(subPage.Locator("form.rename")).ToHaveCountAsync(0);
        await subPage.Context.CloseAsync();
    }
}
