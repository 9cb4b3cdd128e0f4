using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Aerie.Browser.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aerie.Browser.Tests;

/// <summary>The admin pages on spec 04's Application API: users, nodes (configuration) and application keys (shown once, masks apply).</summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminPagesTests(UpFixture up)
{
    [Fact]
    public async Task ApplicationKey_CreatedInTheUi_IsShownOnce_AndItsMasksApply()
    {
        var page = await up.NewPageAsync();
        await ConsolePage.LoginAsync(page, up.PanelUrl, "admin", UpFixture.AdminPassword);
        await page.GotoAsync(up.PanelUrl + "/admin/api-keys");
        var description = "ui-" + Guid.NewGuid().ToString("N")[..8];
        await page.Locator("input[name=description]").FillAsync(description);
        await page.Locator("select[name=r_locations]").SelectOptionAsync("1");
        await page.Locator("form button[type=submit]").ClickAsync();
        var shown = page.Locator("[data-testid=new-application-key]");
        await Expect(shown).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^ptla_[A-Za-z0-9]{43}$"));
        var token = await shown.InnerTextAsync();
        await Expect(page.Locator("table.data")).ToContainTextAsync(description);
        await Expect(page.Locator("table.data")).ToContainTextAsync("Locations: read");

        using var client = new HttpClient { BaseAddress = new Uri(up.PanelUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/application/locations")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/application/locations", new { @short = "x" })).StatusCode);

        await page.ReloadAsync();
        await Expect(page.Locator("table.data")).ToContainTextAsync(description);
        await Expect(shown).ToHaveCountAsync(0);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.Locator("table.data tr", new() { HasText = description }).Locator("button.danger").ClickAsync();
        await Expect(page.Locator("table.data")).Not.ToContainTextAsync(description);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/application/locations")).StatusCode);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Users_CreateAndSuspend_Nodes_ShowTheirConfiguration()
    {
        var page = await up.NewPageAsync();
        await ConsolePage.LoginAsync(page, up.PanelUrl, "admin", UpFixture.AdminPassword);
        await page.GotoAsync(up.PanelUrl + "/admin/users");
        var name = "ui" + Guid.NewGuid().ToString("N")[..8];
        await page.Locator("input[name=username]").FillAsync(name);
        await page.Locator("input[name=email]").FillAsync($"{name}@example.com");
        await page.Locator("input[name=first_name]").FillAsync("Ada");
        await page.Locator("input[name=last_name]").FillAsync("Lovelace");
        await page.Locator("form button[type=submit]").ClickAsync();
        var row = page.Locator("table.data tr", new() { HasText = name });
        await Expect(row).ToContainTextAsync("Ada Lovelace");
        await Expect(row).ToContainTextAsync("active");
        await row.Locator("button", new() { HasText = "Suspend" }).ClickAsync();
        await Expect(row).ToContainTextAsync("suspended");
        await row.Locator("button", new() { HasText = "Make admin" }).ClickAsync();
        await Expect(row).ToContainTextAsync("administrator");

        await page.GotoAsync(up.PanelUrl + "/admin/nodes");
        var local = page.Locator("table.data tr", new() { HasText = "local" });
        await local.Locator("button", new() { HasText = "Configuration" }).ClickAsync();
        await Expect(page.Locator("pre.yaml")).ToContainTextAsync("\"token_id\"");
        await page.Context.CloseAsync();
    }
}
