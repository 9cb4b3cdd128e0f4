using System.Text.Json;
using Aerie.Browser.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Aerie.Browser.Tests;

/// <summary>The administrator imports a local test egg, creates a server from it on the Servers page (a variable
/// refused by its rule first, shown beside that field, then fixed), the new server installs, and it starts from its console.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ServerFromEggPageTests(UpFixture up)
{
    private static readonly string EggFile = Path.Combine(AppContext.BaseDirectory, "TestEggs", "egg-browser-test.json");

    [Fact]
    public async Task ImportEgg_CreateServer_VariableErrorShownThenFixed_InstallsAndLinksToTheConsole()
    {
        var page = await up.NewPageAsync();
        await ConsolePage.LoginAsync(page, up.PanelUrl, "admin", UpFixture.AdminPassword);
        await page.GotoAsync(up.PanelUrl + "/admin/eggs");
        var nestName = "nest-" + Guid.NewGuid().ToString("N")[..8];
        await page.Locator("form.nest-create input[name=name]").FillAsync(nestName);
        await page.Locator("form.nest-create button[type=submit]").ClickAsync();
        await Expect(page.Locator("section.nest", new() { HasText = nestName })).ToBeVisibleAsync();
        await page.Locator("form.egg-import select[name=nest]").SelectOptionAsync(new SelectOptionValue { Label = nestName });
        await page.Locator("form.egg-import input[name=file]").SetInputFilesAsync(EggFile);
        await page.Locator("form.egg-import button[type=submit]").ClickAsync();
        await Expect(page.Locator("p.message")).ToHaveTextAsync("Egg imported.");

        await page.GotoAsync(up.PanelUrl + "/admin/servers");
        var form = page.Locator("form.server-create");
        await Expect(form.Locator("select[name=node] option")).Not.ToHaveCountAsync(0);
        var nodeId = await form.Locator("select[name=node]").InputValueAsync();
        var port = 30000 + Random.Shared.Next(0, 20000);
        Assert.Equal(204, await AddAllocationAsync(page, nodeId, port));
        await page.ReloadAsync();
        await form.Locator("select[name=allocation]").SelectOptionAsync(new SelectOptionValue { Label = $"127.0.0.1:{port}" });
        await form.Locator("select[name=nest]").SelectOptionAsync(new SelectOptionValue { Label = nestName });
        // The egg decides the images, the startup command and the variables form.
        await Expect(form.Locator("select[name=docker_image] option")).ToHaveTextAsync(["Debian 12 (~aerie/debian:12)", "Debian games (~aerie/debian:games)"]);
        await Expect(form.Locator("input[name=startup]")).ToHaveValueAsync("./run.sh --players {{MAX_PLAYERS}} --port {{SERVER_PORT}}");
        var players = form.Locator("input[data-variable=MAX_PLAYERS]");
        await Expect(players).ToHaveValueAsync("20");
        await Expect(form.Locator("label.egg-variable", new() { HasText = "Max players" })).ToContainTextAsync("required|integer|between:1,100");
        await Expect(form.Locator("label.egg-variable", new() { HasText = "Greeting" })).ToContainTextAsync("Shown to players who join.");
        await form.Locator("select[name=docker_image]").SelectOptionAsync("~aerie/debian:games");
        var name = "egg-srv-" + Guid.NewGuid().ToString("N")[..6];
        await form.Locator("input[name=name]").FillAsync(name);

        await players.FillAsync("many");
        await form.Locator("button[type=submit]").ClickAsync();
        var playersError = form.Locator("[data-error-for='environment.MAX_PLAYERS']");
        await Expect(playersError).Not.ToBeEmptyAsync();
        await Expect(players).ToHaveAttributeAsync("aria-invalid", "");
        await Expect(form.Locator("[data-error-for='environment.GREETING']")).ToBeEmptyAsync();

        await players.FillAsync("10");
        var answer = await page.RunAndWaitForResponseAsync(
            () => form.Locator("button[type=submit]").ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/api/application/servers", StringComparison.Ordinal));
        Assert.Equal(201, answer.Status);
        var created = JsonDocument.Parse(await answer.TextAsync()).RootElement.GetProperty("attributes");
        // A server from an egg starts installing; the node reports when its install has run.
        Assert.Equal("installing", created.GetProperty("status").GetString());
        Assert.Equal("~aerie/debian:games", created.GetProperty("container").GetProperty("image").GetString());
        Assert.Equal("10", created.GetProperty("container").GetProperty("environment").GetProperty("MAX_PLAYERS").GetString());
        var identifier = created.GetProperty("identifier").GetString()!;
        await Expect(playersError).ToBeEmptyAsync();
        await Expect(page.Locator("form.server-create p.message")).ToHaveTextAsync("Server created. Its install runs now.");

        var state = page.Locator($".server-state[data-server='{identifier}']");
        await Expect(state).ToBeVisibleAsync();
        // A node that installs on create (spec 05 §7) reports within seconds; the admin's Reinstall then runs the
        // install again either way, so what follows holds whichever node version answers.
        await SettledAsync(state, TimeSpan.FromSeconds(10));
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        var row = page.Locator("table.data tr", new() { HasText = name });
        await row.GetByRole(AriaRole.Button, new() { Name = "Reinstall" }).ClickAsync();
        await Expect(page.Locator("p.message").First).ToHaveTextAsync("Reinstall started.");
        // The list refreshes itself while a server installs: the state leaves "installing" without a reload.
        await Expect(state).Not.ToHaveTextAsync("installing", new() { Timeout = 60_000 });
        await Expect(state).ToHaveTextAsync("active");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathOf("admin-server-from-egg.png"), FullPage = true });

        await form.Locator("a.console-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(up.PanelUrl + $"/server/{identifier}");
        // Started from its console: the installed script runs (the image's runtime profile: ~aerie/debian:*) with the
        // allocation's port, and its done marker makes it running.
        var console = new ConsolePage(page);
        await Expect(console.Connection).ToHaveClassAsync(ConsolePage.ConnectedClass());
        await console.StartButton.ClickAsync();
        await console.ExpectStateAsync("running");
        await console.ExpectTerminalAsync($"Ready on port {port}");
        await console.StopButton.ClickAsync();
        await console.ExpectStateAsync("offline");
        await page.Context.CloseAsync();
    }

    /// <summary>Waits up to <paramref name="limit"/> for the state to leave "installing"; either way the caller goes on.</summary>
    private static async Task SettledAsync(ILocator state, TimeSpan limit)
    {
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until && await state.InnerTextAsync() == "installing")
        {
            await Task.Delay(250);
        }
    }

    /// <summary>An allocation on the node through the Application API with the page's own session (allocations have their own page elsewhere).</summary>
    private static Task<int> AddAllocationAsync(IPage page, string nodeId, int port) =>
        page.EvaluateAsync<int>("""
            async ([node, port]) => {
              const csrf = decodeURIComponent((document.cookie.split('; ').find((c) => c.startsWith('aerie_csrf=')) ?? '').split('=')[1] ?? '');
              const r = await fetch(`/api/application/nodes/${node}/allocations`, {
                method: 'POST', credentials: 'same-origin',
                headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': csrf },
                body: JSON.stringify({ ip: '127.0.0.1', ports: [String(port)] }),
              });
              return r.status;
            }
            """, new object[] { nodeId, port });
}
