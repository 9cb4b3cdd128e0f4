using Aerie.Browser.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Aerie.Browser.Tests;

/// <summary>The Schedules editor's time zone (spec 07 §10's optional IANA zone) and "Run now" on a running schedule
/// (spec 07 §10's 409), on the stack's real panel: an unknown zone is the panel's 422 shown at the field and nothing is
/// saved; a known one is saved and shown with the cron; a second "Run now" while the chain waits on its next task's
/// offset says the schedule is already running.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SchedulesZoneAndRunningTests(UpFixture up)
{
    private const string ZoneInvalid = "The timezone field must be a valid timezone.";

    [Fact]
    public async Task Editor_UnknownZoneRefusedAtTheField_KnownZoneSaved_RunNowWhileRunningSaysAlreadyRunning()
    {
        var server = await TestData.DemoServerAsync(up.Stack, "schedules-zone");
        var page = await up.NewPageAsync();
        await ConsolePage.LoginAsync(page, up.PanelUrl, "admin", UpFixture.AdminPassword);
        await page.GotoAsync($"{up.PanelUrl}/server/{server.Identifier}/schedules");
        await Expect(page.Locator(".schedules")).ToContainTextAsync("No schedules yet.");

        await page.Locator("button.new-schedule").ClickAsync();
        var editor = page.Locator(".schedule-editor");
        await editor.Locator("input[name=name]").FillAsync("zoned");
        var zone = editor.Locator("input[name=timezone]");
        await Expect(zone).ToHaveValueAsync("");
        // The live preview asks the panel, which refuses the zone on its field.
        await zone.FillAsync("Mars/Olympus");
        await Expect(editor.Locator(".zone-error")).ToHaveTextAsync(ZoneInvalid);
        await Expect(zone).ToHaveAttributeAsync("aria-invalid", "true");
        await editor.Locator("button[type=submit]").ClickAsync();
        // The page's status line (the preview shows the same text in the editor).
        await Expect(page.Locator("p.message.error[role=alert]")).ToHaveTextAsync(ZoneInvalid);
        await Expect(page.Locator(".schedules")).ToContainTextAsync("No schedules yet.");

        await zone.FillAsync("Europe/Berlin");
        await Expect(editor.Locator(".zone-error")).ToHaveTextAsync("");
        await Expect(editor.Locator(".schedule-description")).ToContainTextAsync("(Europe/Berlin)");
        await Expect(editor.Locator(".next-runs li")).ToHaveCountAsync(5);
        await editor.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator(".message.success")).ToHaveTextAsync("Schedule created.");
        var row = page.Locator(".schedule", new() { HasText = "zoned" });
        await Expect(row.Locator(".schedule-cron")).ToHaveTextAsync("0 4 * * * (Europe/Berlin)");

        // Editing shows the stored zone.
        await row.Locator("button", new() { HasText = "Edit" }).ClickAsync();
        await Expect(page.Locator(".schedule-editor input[name=timezone]")).ToHaveValueAsync("Europe/Berlin");
        await page.Locator(".schedule-editor button", new() { HasText = "Cancel" }).ClickAsync();

        // Two tasks: the first runs at once (the game is offline, so it fails and the run continues past it); the
        // second waits its 900 s offset, so the run stays in progress.
        await AddTaskAsync(page, "say first", offset: 0, continueOnFailure: true);
        await AddTaskAsync(page, "say later", offset: 900, continueOnFailure: false);

        row = page.Locator(".schedule", new() { HasText = "zoned" });
        await row.Locator("button.run-now").ClickAsync();
        await Expect(page.Locator(".message.success")).ToHaveTextAsync("Run started.");
        row = page.Locator(".schedule", new() { HasText = "zoned" });
        await Expect(row).ToHaveAttributeAsync("data-processing", "true");
        await Expect(row.Locator(".schedule-processing")).ToHaveTextAsync("Running…");
        await row.Locator("button.run-now").ClickAsync();
        await Expect(page.Locator("p.message.error[role=alert]")).ToHaveTextAsync("Not started: This schedule is already running.");

        // Leave nothing queued behind: deleting the schedule drops its waiting task.
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.Locator(".schedule", new() { HasText = "zoned" }).Locator(".schedule-head button.danger").ClickAsync();
        await Expect(page.Locator(".message.success")).ToHaveTextAsync("Schedule deleted.");
        await Expect(page.Locator(".schedules")).ToContainTextAsync("No schedules yet.");
        await page.Context.CloseAsync();
    }

    private static async Task AddTaskAsync(Microsoft.Playwright.IPage page, string command, int offset, bool continueOnFailure)
    {
        var row = page.Locator(".schedule", new() { HasText = "zoned" });
        await row.Locator("button.add-task").ClickAsync();
        var form = row.Locator(".task-form");
        await form.Locator("select[name=action]").SelectOptionAsync("command");
        await form.Locator("textarea[name=payload]").FillAsync(command);
        await form.Locator("input[name=time_offset]").FillAsync(offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (continueOnFailure)
        {
            await form.Locator("input[name=continue_on_failure]").CheckAsync();
        }
        await form.Locator("button[type=submit]").ClickAsync();
        await Expect(page.Locator(".message.success")).ToHaveTextAsync("Task added.");
        await Expect(page.Locator(".schedule", new() { HasText = "zoned" }).Locator(".task-payload", new() { HasText = command })).ToHaveCountAsync(1);
    }
}
