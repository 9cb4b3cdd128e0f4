using Aerie.Browser.Tests.Support;
using Aerie.Panel.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Aerie.Browser.Tests;

/// <summary>The Network page (spec 04 §2.5 in the UI): the owner adds an allocation, annotates it and makes it the
/// primary; a subuser who may only read sees the list without any control.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NetworkPageTests(UpFixture up)
{
    [Fact]
    public async Task Owner_AddsAnnotatesAndPromotes_ReadOnlySubuserSeesNoControls()
    {
        var server = await TestData.DemoServerAsync(up.Stack, "network-page");
        var primaryId = await GivePrimaryAsync(server, port: UpFixture.AutoAllocationLow - 1 - Random.Shared.Next(0, 500), limit: 2);
        var page = await up.NewPageAsync();
        await ConsolePage.LoginAsync(page, up.PanelUrl, "admin", UpFixture.AdminPassword);
        await ConsolePage.OpenAsync(page, server.Identifier);
        await page.Locator(".server-links a", new() { HasText = "Network" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Network");
        var rows = page.Locator(".allocation");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First.Locator(".primary-badge")).ToBeVisibleAsync();

        await page.Locator("button", new() { HasText = "Add allocation" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(2);
        // At the limit (2, the primary counted): no more adding offered.
        await Expect(page.Locator("button", new() { HasText = "Add allocation" })).ToBeHiddenAsync();
        var added = rows.Nth(1);
        var addedId = int.Parse(await added.GetAttributeAsync("data-allocation") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotEqual(primaryId, addedId);

        await added.Locator("input.allocation-notes").FillAsync("query port");
        await added.Locator("button", new() { HasText = "Save notes" }).ClickAsync();
        await Expect(page.Locator(".message.success")).ToHaveTextAsync("Notes saved.");
        await Expect(page.Locator($"[data-allocation='{addedId}'] input.allocation-notes")).ToHaveValueAsync("query port");

        await page.Locator($"[data-allocation='{addedId}'] button", new() { HasText = "Make primary" }).ClickAsync();
        await Expect(page.Locator($"[data-allocation='{addedId}'] .primary-badge")).ToBeVisibleAsync();
        await Expect(page.Locator($"[data-allocation='{primaryId}'] .primary-badge")).ToHaveCountAsync(0);
        await Eventually.TrueAsync(async () =>
        {
            await using var scope = up.Stack.Panel.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PanelDb>();
            var row = await db.Servers.AsNoTracking().FirstAsync(s => s.Id == server.Id);
            var notes = (await db.Allocations.AsNoTracking().FirstAsync(a => a.Id == addedId)).Notes;
            return row.AllocationId == addedId && notes == "query port";
        }, "the panel to store the notes and the new primary");
        await page.Context.CloseAsync();

        var user = await TestData.UserAsync(up.Stack, "netread");
        await TestData.SubuserAsync(up.Stack, server, user, "websocket.connect", "allocation.read");
        var subPage = await up.NewPageAsync();
        await ConsolePage.LoginAsync(subPage, up.PanelUrl, user.Username, TestData.Password);
        await subPage.GotoAsync($"{up.PanelUrl}/server/{server.Identifier}/network");
        await Expect(subPage.Locator(".allocation")).ToHaveCountAsync(2);
        await Expect(subPage.Locator(".allocation").Filter(new() { HasText = "query port" })).ToHaveCountAsync(1);
        await Expect(subPage.Locator(".allocation button")).ToHaveCountAsync(0);
        await Expect(subPage.Locator("input.allocation-notes")).ToHaveCountAsync(0);
        await Expect(subPage.Locator("button", new() { HasText = "Add allocation" })).ToHaveCountAsync(0);
        await subPage.Context.CloseAsync();
    }

    /// <summary>A primary allocation on the stack's node (the demo server has none) and the server's limit.</summary>
    private async Task<int> GivePrimaryAsync(GameServer server, int port, int limit)
    {
        await using var scope = up.Stack.Panel.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PanelDb>();
        var row = await db.Servers.FirstAsync(s => s.Id == server.Id);
        var allocation = new Allocation { NodeId = row.NodeId!.Value, Ip = "127.0.0.1", Port = port, ServerId = row.Id };
        db.Allocations.Add(allocation);
        await db.SaveChangesAsync();
        row.AllocationId = allocation.Id;
        row.AllocationLimit = limit;
        await db.SaveChangesAsync();
        return allocation.Id;
    }
}
