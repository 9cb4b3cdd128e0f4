using Aerie.Browser.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aerie.Browser.Tests;

/// <summary>The administrator adds a nest and imports a published egg through the Nests &amp; eggs page (file upload, then a paste
/// that updates it in place), and exports it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EggsPageTests(UpFixture up)
{
    [Fact]
    public async Task AddNest_ImportFixtureEgg_IsListed_ExportDownloads()
    {
        var page = await up.NewPageAsync();
        await ConsolePage.LoginAsync(page, up.PanelUrl, "admin", UpFixture.AdminPassword);
        await page.GotoAsync(up.PanelUrl + "/admin/eggs");
        var nestName = "nest-" + Guid.NewGuid().ToString("N")[..8];
        await page.Locator("form.nest-create input[name=name]").FillAsync(nestName);
        await page.Locator("form.nest-create button[type=submit]").ClickAsync();
        var nest = page.Locator("section.nest", new() { HasText = nestName });
        await Expect(nest).ToBeVisibleAsync();

        await page.Locator("form.egg-import select[name=nest]").SelectOptionAsync(new SelectOptionValue { Label = nestName });
        await page.Locator("form.egg-import input[name=file]").SetInputFilesAsync(SharedFixtures.File("eggs/plcn3-paper.yaml"));
        await page.Locator("form.egg-import button[type=submit]").ClickAsync();
        await Expect(page.Locator("p.message")).ToHaveTextAsync("Egg imported.");
        await Expect(nest.Locator(".egg-name")).ToHaveTextAsync(["Paper"]);
        await Expect(nest).ToContainTextAsync("ghcr.io/pelican-eggs/yolks:java_21");

        // The same egg pasted again (same uuid): updated in place, still one egg in that nest.
        await page.Locator("form.egg-import select[name=nest]").SelectOptionAsync(new SelectOptionValue { Label = nestName });
        await page.Locator("form.egg-import textarea[name=text]").FillAsync(await File.ReadAllTextAsync(SharedFixtures.File("eggs/plcn3-paper.yaml")));
        await page.Locator("form.egg-import button[type=submit]").ClickAsync();
        await Expect(page.Locator("p.message")).ToHaveTextAsync("Egg imported.");
        await Expect(nest.Locator(".egg-name")).ToHaveTextAsync(["Paper"]);

        var download = await page.RunAndWaitForDownloadAsync(() => nest.GetByRole(AriaRole.Button, new() { Name = "Export YAML" }).ClickAsync());
        Assert.Equal("egg-paper.yaml", download.SuggestedFilename);
        var path = await download.PathAsync();
        Assert.Contains("version: \"PLCN_v3\"", await File.ReadAllTextAsync(path!), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathOf("admin-eggs.png") });
        await page.Context.CloseAsync();
    }
}
