using Aerie.Browser.Tests.Support;
using Aerie.Contracts.Socket;
using static Microsoft.Playwright.Assertions;

namespace Aerie.Browser.Tests;

/// <summary>The Schedules page (spec 04 §2.9, spec 07 §10 in the UI) on the stack's real node: the owner creates a
/// schedule from a preset, sees the panel's next run times, adds a command task, runs it now and sees the command in
/// the server's console and the run in the history; a subuser with schedule.read alone is offered no action.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SchedulesPageTests(UpFixture up)
{
    [Fact]
    public async Task Owner_CreatesFromPresetAddsCommandRunsNow_CommandReachesConsole_ReaderIsOfferedNoAction()
    {
        var server = await TestData.DemoServerAsync(up.Stack, "schedules-page");
        var page = await up.NewPageAsync();
        await ConsolePage.LoginAsync(page, up.PanelUrl, "admin", UpFixture.AdminPassword);
        var console = await ConsolePage.OpenAsync(page, server.Identifier);
        // A command task needs a running game.
        await console.StartButton.ClickAsync();
        await console.ExpectStateAsync(ServerStates.Running);
        await console.ExpectTerminalAsync("Done (");

        await page.Locator(".server-links a", new() { HasText = "Schedules" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Schedules");
        await Expect(page.Locator(".schedules")).ToContainTextAsync("No schedules yet.");

        await page.Locator("button.new-schedule").ClickAsync();
        var editor = page.Locator(".schedule-editor");
        await editor.Locator("input[name=name]").FillAsync("hourly hello");
        await editor.Locator("button[data-preset=hourly]").ClickAsync();
        await Expect(editor.Locator("input[name=minute]")).ToHaveValueAsync("0");
        await Expect(editor.Locator("input[name=hour]")).ToHaveValueAsync("*");
        // The description and the next five runs come from the panel's preview route.
        await Expect(editor.Locator(".schedule-description")).Not.ToBeEmptyAsync();
        await Expect(editor.Locator(".next-runs li")).ToHaveCountAsync(5);
        await editor.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator(".message.success")).ToHaveTextAsync("Schedule created.");

        var row = page.Locator(".schedule", new() { HasText = "hourly hello" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator(".schedule-cron")).ToHaveTextAsync("0 * * * *");
        await Expect(row).ToContainTextAsync("No tasks");

        await row.Locator("button.add-task").ClickAsync();
        var form = row.Locator(".task-form");
        await form.Locator("select[name=action]").SelectOptionAsync("command");
        await form.Locator("textarea[name=payload]").FillAsync("say hello-from-schedule");
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator(".message.success")).ToHaveTextAsync("Task added.");
        row = page.Locator(".schedule", new() { HasText = "hourly hello" });
        await Expect(row.Locator(".task-payload")).ToHaveTextAsync("say hello-from-schedule");

        await row.Locator("button.run-now").ClickAsync();
        await Expect(page.Locator(".message.success")).ToHaveTextAsync("Run started.");
        // The run ends by itself; the page refreshes while it runs and shows the outcome in the history.
        var succeeded = page.Locator(".schedule-history li[data-event='server:task.succeeded']");
        await Eventually.TrueAsync(async () =>
        {
            await page.Locator("button", new() { HasText = "Refresh history" }).ClickAsync();
            await Expect(page.Locator(".schedule-history")).Not.ToContainTextAsync("Loading");
            return await succeeded.CountAsync() == 1;
        }, "the task's success in the history", TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
        await Expect(page.Locator(".schedule-history li[data-event='server:schedule.execute']")).ToHaveCountAsync(1);

        await page.Locator("a", new() { HasText = "← Console" }).ClickAsync();
        console = new ConsolePage(page);
        await console.ExpectTerminalAsync("[Server] hello-from-schedule");
        await page.Context.CloseAsync();

        // A subuser who may only read schedules sees them but is offered no create, edit, run, task or delete control.
        var user = await TestData.UserAsync(up.Stack, "schread");
        await TestData.SubuserAsync(up.Stack, server, user, "websocket.connect", "schedule.read");
        var subPage = await up.NewPageAsync();
        await ConsolePage.LoginAsync(subPage, up.PanelUrl, user.Username, TestData.Password);
        await subPage.GotoAsync($"{up.PanelUrl}/server/{server.Identifier}/schedules");
        var subRow = subPage.Locator(".schedule", new() { HasText = "hourly hello" });
        await Expect(subRow).ToHaveCountAsync(1);
        await Expect(subRow.Locator(".task-payload")).ToHaveTextAsync("say hello-from-schedule");
        await Expect(subPage.Locator("button.new-schedule")).ToHaveCountAsync(0);
        await Expect(subRow.Locator("button")).ToHaveCountAsync(0);
        await Expect(subPage.Locator(".schedule-history")).ToContainTextAsync("activity.read");
        await subPage.Context.CloseAsync();
    }
}
