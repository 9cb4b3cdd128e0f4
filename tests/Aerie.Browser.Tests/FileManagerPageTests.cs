using Aerie.Browser.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using ServerManager = Aerie.Node.Servers.ServerManager;

namespace Aerie.Browser.Tests;

/// <summary>
/// The file manager (spec 04 §2.7 through the UI, spec 06 on the node): the owner edits and saves a file and is
/// warned before leaving unsaved changes; a file over the edit limit shows the panel's error; a subuser without
/// <c>file.update</c> gets no edit and no upload. Outcomes are checked in the server's folder on the node.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FileManagerPageTests(UpFixture up)
{
    [Fact]
    public async Task Owner_EditsAndSavesWithCtrlS_IsWarnedBeforeLeavingUnsavedChanges()
    {
        var server = await TestData.DemoServerAsync(up.Stack, "files-edit");
        var root = Root(server.Uuid);
        await File.WriteAllTextAsync(Path.Combine(root, "server.properties"), "motd=hello\nmax-players=10\n");
        Directory.CreateDirectory(Path.Combine(root, "config"));

        var page = await up.NewPageAsync();
        await ConsolePage.LoginAsync(page, up.PanelUrl, "admin", UpFixture.AdminPassword);
        await ConsolePage.OpenAsync(page, server.Identifier);
        await page.Locator(".server-links a", new() { HasText = "Files" }).ClickAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync("Files");
        await Expect(Row(page, "config")).ToHaveAttributeAsync("data-kind", "folder");
        await Expect(Row(page, "server.properties")).ToHaveAttributeAsync("data-kind", "file");

        // Edit in CodeMirror, save with Ctrl-S, and find the text on the node's disk.
        await Row(page, "server.properties").Locator(".file-name").ClickAsync();
        var editor = page.Locator(".file-editor");
        await Expect(editor).ToHaveAttributeAsync("data-language", "properties");
        await Expect(editor.Locator(".cm-content")).ToContainTextAsync("max-players=10");
        await editor.Locator(".cm-content").ClickAsync();
        await page.Keyboard.PressAsync("Control+End");
        await page.Keyboard.TypeAsync("level-name=edited");
        await Expect(editor.Locator(".badge.dirty")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Control+s");
        await Expect(editor.Locator(".editor-status")).ToContainTextAsync("Saved");
        await Expect(editor.Locator(".badge.dirty")).ToBeHiddenAsync();
        Assert.Equal("motd=hello\nmax-players=10\nlevel-name=edited", await File.ReadAllTextAsync(Path.Combine(root, "server.properties")));

        // Unsaved changes: leaving by a link asks first, and staying keeps the editor.
        await page.Keyboard.TypeAsync("\nunsaved=1");
        string? asked = null;
        void Dismiss(object? sender, IDialog dialog)
        {
            asked = dialog.Message;
            _ = dialog.DismissAsync();
        }
        page.Dialog += Dismiss;
        await page.Locator("a", new() { HasText = "← Console" }).ClickAsync();
        await Expect(editor).ToBeVisibleAsync();
        Assert.Contains("unsaved changes", asked ?? "", StringComparison.Ordinal);
        Assert.EndsWith("/files", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        page.Dialog -= Dismiss;
        page.Dialog += Accept;
        await editor.Locator("button.close").ClickAsync();
        await Expect(editor).ToBeHiddenAsync();
        page.Dialog -= Accept;
        Assert.DoesNotContain("unsaved", await File.ReadAllTextAsync(Path.Combine(root, "server.properties")), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task FileOverTheEditLimit_ShowsThePanelsError()
    {
        var server = await TestData.DemoServerAsync(up.Stack, "files-big");
        await File.WriteAllTextAsync(Path.Combine(Root(server.Uuid), "huge.log"), new string('x', 5 * 1024 * 1024));
        var page = await up.NewPageAsync();
        await ConsolePage.LoginAsync(page, up.PanelUrl, "admin", UpFixture.AdminPassword);
        await page.GotoAsync($"{up.PanelUrl}/server/{server.Identifier}/files");
        await Row(page, "huge.log").Locator(".file-name").ClickAsync();
        await Expect(page.Locator("p.message.error")).ToContainTextAsync("Could not open huge.log");
        await Expect(page.Locator(".file-editor")).ToBeHiddenAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Subuser_WithoutFileUpdate_SeesNoEditOrUpload()
    {
        var server = await TestData.DemoServerAsync(up.Stack, "files-read");
        await File.WriteAllTextAsync(Path.Combine(Root(server.Uuid), "server.properties"), "motd=read only\n");
        var user = await TestData.UserAsync(up.Stack, "fileread");
        await TestData.SubuserAsync(up.Stack, server, user, "websocket.connect", "file.read", "file.read-content", "file.create");

        var page = await up.NewPageAsync();
        await ConsolePage.LoginAsync(page, up.PanelUrl, user.Username, TestData.Password);
        await page.GotoAsync($"{up.PanelUrl}/server/{server.Identifier}/files");
        await Expect(Row(page, "server.properties")).ToBeVisibleAsync();
        // file.create alone: new files and folders, but nothing that replaces a file.
        await Expect(page.Locator("button.new-file")).ToBeVisibleAsync();
        await Expect(page.Locator("button.upload")).ToHaveCountAsync(0);
        await Expect(page.Locator("input.upload-picker")).ToHaveCountAsync(0);
        await Expect(page.Locator(".drop-hint")).ToHaveCountAsync(0);

        await Row(page, "server.properties").Locator(".row-menu summary").ClickAsync();
        var menu = Row(page, "server.properties").Locator(".row-menu-items");
        await Expect(menu.Locator("button[data-action=edit]")).ToHaveTextAsync("View");
        await Expect(menu.Locator("button[data-action=download]")).ToBeVisibleAsync();
        foreach (var action in new[] { "rename", "move", "chmod", "delete", "compress" })
        {
            await Expect(menu.Locator($"button[data-action={action}]")).ToHaveCountAsync(0);
        }
        await menu.Locator("button[data-action=edit]").ClickAsync();
        var editor = page.Locator(".file-editor");
        await Expect(editor.Locator(".cm-content")).ToContainTextAsync("motd=read only");
        await Expect(editor.Locator(".badge", new() { HasText = "read-only" })).ToBeVisibleAsync();
        await Expect(editor.Locator("button.save")).ToHaveCountAsync(0);
        await Expect(editor.Locator(".cm-content")).ToHaveAttributeAsync("contenteditable", "false");
        await page.Context.CloseAsync();
    }

    private static ILocator Row(IPage page, string name) => page.Locator($"table.files tr.file-row[data-name='{name}']");

    private static void Accept(object? sender, IDialog dialog) => _ = dialog.AcceptAsync();

    private string Root(Guid server)
    {
        var manager = up.Stack.Node.Services.GetRequiredService<ServerManager>();
        Assert.True(manager.TryGet(server.ToString(), out var game));
        Directory.CreateDirectory(game.WorkingDirectory);
        return game.WorkingDirectory;
    }
}
