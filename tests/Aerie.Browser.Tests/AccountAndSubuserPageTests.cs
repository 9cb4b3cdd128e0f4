using Aerie.Browser.Tests.Support;
using Aerie.Contracts.Permissions;
using static Microsoft.Playwright.Assertions;

namespace Aerie.Browser.Tests;

/// <summary>The account page's password form and activity list, and the subusers page on spec 04's routes, as a
/// subuser who may manage other subusers but grant only what it holds.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountAndSubuserPageTests(UpFixture up)
{
    [Fact]
    public async Task SubuserPage_ManagerAddsASubuser_OwnRowReadOnly_UnheldPermissionDisabled()
    {
        var server = await TestData.DemoServerAsync(up.Stack, "subuser-page");
        var manager = await TestData.UserAsync(up.Stack, "manager");
        await TestData.SubuserAsync(up.Stack, server, manager, Permission.WebsocketConnect, "user.read", "user.create", Permission.ControlConsole);
        var page = await up.NewPageAsync();
        await ConsolePage.LoginAsync(page, up.PanelUrl, manager.Username, TestData.Password);
        await page.GotoAsync($"{up.PanelUrl}/server/{server.Identifier}/users");

        var own = page.Locator(".card.subuser", new() { HasText = manager.Email });
        await Expect(own).ToBeVisibleAsync();
        await Expect(own.Locator("button", new() { HasText = "Save" })).ToHaveCountAsync(0);
        var form = page.Locator("form.subuser-add");
        await Expect(form.Locator(".perm input[value='control.start']")).ToBeDisabledAsync();
        var email = $"invited-{Guid.NewGuid():N}"[..20] + "@example.com";
        await form.Locator("input[name=email]").FillAsync(email);
        await form.Locator(".perm input[value='control.console']").CheckAsync();
        await form.Locator("button[type=submit]").ClickAsync();
        var added = page.Locator(".card.subuser", new() { HasText = email });
        await Expect(added).ToBeVisibleAsync();
        await Expect(added.Locator(".perm input[value='control.console']")).ToBeCheckedAsync();
        await Expect(added.Locator(".perm input[value='websocket.connect']")).ToBeCheckedAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AccountPage_PasswordChange_NewPasswordSignsIn_ActivityListsIt()
    {
        var server = await TestData.DemoServerAsync(up.Stack, "account-page");
        var user = await TestData.UserAsync(up.Stack, "account");
        await TestData.SubuserAsync(up.Stack, server, user, Permission.WebsocketConnect);
        var page = await up.NewPageAsync();
        await ConsolePage.LoginAsync(page, up.PanelUrl, user.Username, TestData.Password);
        await page.GotoAsync(up.PanelUrl + "/account");

        var form = page.Locator("form.account-password");
        await form.Locator("input[name=current_password]").FillAsync("not the password");
        await form.Locator("input[name=password]").FillAsync("a brand new password");
        await form.Locator("input[name=password_confirmation]").FillAsync("a brand new password");
        await form.Locator("button[type=submit]").ClickAsync();
        var outcome = page.Locator(".account-credentials .message");
        await Expect(outcome).ToHaveTextAsync("The password provided was invalid for this account.");
        await form.Locator("input[name=current_password]").FillAsync(TestData.Password);
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(outcome).ToContainTextAsync("Password updated.");

        using var signedIn = await PanelSession.LoginAsync(up.PanelUrl, user.Username, "a brand new password");
        // The activity row is written in the background: reload until the list shows it.
        var entry = page.Locator(".account-activity table.data code", new() { HasText = "user:account.password-changed" });
        await Eventually.TrueAsync(async () =>
        {
            await page.ReloadAsync();
            await Expect(page.Locator(".account-activity table.data")).ToBeVisibleAsync();
            return await entry.CountAsync() == 1;
        }, "the password change in the account activity", TimeSpan.FromSeconds(15));
        await page.Context.CloseAsync();
    }
}
