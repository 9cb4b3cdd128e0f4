using Aerie.Browser.Tests.Support;
using Aerie.Panel.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Aerie.Browser.Tests;

/// <summary>The Backups page (spec 04 §2.8, spec 07 in the UI) on the stack's real node: the owner creates a backup,
/// watches it complete, restores it after the confirmation; a subuser who may not delete is offered no lock or delete.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BackupsPageTests(UpFixture up)
{
    [Fact]
    public async Task Owner_CreatesWaitsRestores_SubuserWithoutDeleteSeesNoLockOrDelete()
    {
        var server = await TestData.DemoServerAsync(up.Stack, "backups-page");
        await SetLimitAsync(server, 3);
        var page = await up.NewPageAsync();
        await ConsolePage.LoginAsync(page, up.PanelUrl, "admin", UpFixture.AdminPassword);
        await ConsolePage.OpenAsync(page, server.Identifier);
        await page.Locator(".server-links a", new() { HasText = "Backups" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Backups");
        await Expect(page.Locator(".backups")).ToContainTextAsync("No backups yet.");

        await page.Locator("input[name=name]").FillAsync("before the update");
        await page.Locator("textarea[name=ignored]").FillAsync("*.log");
        await page.Locator("button", new() { HasText = "Create backup" }).ClickAsync();
        var row = page.Locator(".backup", new() { HasText = "before the update" });
        await Expect(row).ToHaveCountAsync(1);
        // The node writes the archive and reports it; the page polls until it is done.
        await Expect(row).ToHaveAttributeAsync("data-state", "successful", new() { Timeout = 30_000 });
        await Expect(row).ToContainTextAsync("ignoring *.log");
        await Expect(page.GetByText("1 of 3 backups in use.")).ToBeVisibleAsync();

        // Restore: the confirmation says what happens and offers the truncate choice; keep the files.
        await row.Locator("button", new() { HasText = "Restore" }).ClickAsync();
        var dialog = page.Locator(".restore-confirm");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync("The server is stopped");
        await Expect(dialog.Locator("input[name=truncate]")).Not.ToBeCheckedAsync();
        await dialog.Locator("button", new() { HasText = "Restore" }).ClickAsync();
        await Expect(page.Locator(".message.success")).ToHaveTextAsync("Restore started.");
        // The node restores and reports; the status clears and the list comes back.
        await Eventually.TrueAsync(async () => (await ReadAsync(server)).Status is null, "the restore to end", TimeSpan.FromSeconds(60));
        await Expect(page.Locator(".backup", new() { HasText = "before the update" })).ToHaveAttributeAsync("data-state", "successful", new() { Timeout = 15_000 });
        await page.Context.CloseAsync();

        var user = await TestData.UserAsync(up.Stack, "bkread");
        await TestData.SubuserAsync(up.Stack, server, user, "websocket.connect", "backup.read", "backup.create", "backup.restore");
        var subPage = await up.NewPageAsync();
        await ConsolePage.LoginAsync(subPage, up.PanelUrl, user.Username, TestData.Password);
        await subPage.GotoAsync($"{up.PanelUrl}/server/{server.Identifier}/backups");
        var subRow = subPage.Locator(".backup", new() { HasText = "before the update" });
        await Expect(subRow).ToHaveCountAsync(1);
        await Expect(subRow.Locator("button", new() { HasText = "Restore" })).ToHaveCountAsync(1);
        await Expect(subRow.Locator("button", new() { HasText = "Lock" })).ToHaveCountAsync(0);
        await Expect(subRow.Locator("button", new() { HasText = "Delete" })).ToHaveCountAsync(0);
        await Expect(subRow.Locator("button", new() { HasText = "Download" })).ToHaveCountAsync(0);
        await Expect(subPage.Locator("input[name=is_locked]")).ToHaveCountAsync(0);
        await Expect(subPage.Locator("button", new() { HasText = "Save policy" })).ToHaveCountAsync(0);
        await subPage.Context.CloseAsync();
    }

    private async Task SetLimitAsync(GameServer server, int limit)
    {
        await using var scope = up.Stack.Panel.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PanelDb>();
        var row = await db.Servers.FirstAsync(s => s.Id == server.Id);
        row.BackupLimit = limit;
        await db.SaveChangesAsync();
    }

    private async Task<GameServer> ReadAsync(GameServer server)
    {
        await using var scope = up.Stack.Panel.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PanelDb>().Servers.AsNoTracking().FirstAsync(s => s.Id == server.Id);
    }
}
