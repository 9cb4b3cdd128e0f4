using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Aerie.Browser.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;
using ServerManager = Aerie.Node.Servers.ServerManager;

namespace Aerie.Browser.Tests;

/// <summary>
/// The file manager (spec 04 §2.7 through the UI, spec 06 on the node): the owner edits and saves a file and is
/// warned before leaving unsaved changes, uploads two files with a progress bar each and downloads one, unpacks an archive and
/// compresses a folder, creates a folder, moves a selection, renames, chmods and deletes with a confirmation; a file over the edit limit shows the
/// panel's error; a subuser without <c>file.update</c> gets no edit and no upload. Every outcome is checked in the
/// server's folder on the node.
/// </summary>
[Collection(BrowserCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
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
    public async Task Owner_UploadsTwoFilesWithProgress_DownloadsOne()
    {
        var server = await TestData.DemoServerAsync(up.Stack, "files-upload");
        var root = Root(server.Uuid);
        Directory.CreateDirectory(Path.Combine(root, "config"));
        var page = await up.NewPageAsync();
        await ConsolePage.LoginAsync(page, up.PanelUrl, "admin", UpFixture.AdminPassword);
        await page.GotoAsync($"{up.PanelUrl}/server/{server.Identifier}/files");

        // Upload two files at once into a folder: a progress bar each, both done, both on the node.
        await Row(page, "config").Locator(".file-name").ClickAsync();
        await Expect(page.Locator(".breadcrumbs .current")).ToHaveTextAsync("config");
        var big = new byte[3 * 1024 * 1024];
        Random.Shared.NextBytes(big);
        await page.Locator("input.upload-picker").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "world.bin", MimeType = "application/octet-stream", Buffer = big },
            new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes("uploaded notes\n") },
        });
        await Expect(page.Locator(".uploads li.upload-item")).ToHaveCountAsync(2);
        await Expect(page.Locator(".uploads li.upload-item progress")).ToHaveCountAsync(2);
        await Expect(page.Locator(".uploads li.upload-item.done")).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        foreach (var bar in await page.Locator(".uploads progress").AllAsync())
        {
            await Expect(bar).ToHaveJSPropertyAsync("value", 100);
        }
        await Expect(Row(page, "world.bin")).ToBeVisibleAsync();
        await Expect(Row(page, "notes.txt")).ToBeVisibleAsync();
        Assert.Equal(big, await File.ReadAllBytesAsync(Path.Combine(root, "config", "world.bin")));
        Assert.Equal("uploaded notes\n", await File.ReadAllTextAsync(Path.Combine(root, "config", "notes.txt")));

        // Download one through its signed URL: the browser gets the node's bytes.
        await Row(page, "notes.txt").Locator(".row-menu summary").ClickAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => Row(page, "notes.txt").Locator("button[data-action=download]").ClickAsync());
        Assert.Equal("notes.txt", download.SuggestedFilename);
        Assert.Equal("uploaded notes\n", await File.ReadAllTextAsync(await download.PathAsync()));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Owner_CreatesAFolder_MovesTheSelection_RenamesChmodsAndDeletesWithConfirmation()
    {
        var server = await TestData.DemoServerAsync(up.Stack, "files-manage");
        var root = Root(server.Uuid);
        await File.WriteAllTextAsync(Path.Combine(root, "a.txt"), "a");
        await File.WriteAllTextAsync(Path.Combine(root, "b.txt"), "b");
        var page = await up.NewPageAsync();
        await ConsolePage.LoginAsync(page, up.PanelUrl, "admin", UpFixture.AdminPassword);
        await page.GotoAsync($"{up.PanelUrl}/server/{server.Identifier}/files");

        await page.Locator("button.new-folder").ClickAsync();
        await page.Locator("dialog.file-dialog input[name=name]").FillAsync("old");
        await page.Locator("dialog.file-dialog button[value=ok]").ClickAsync();
        await Expect(Row(page, "old")).ToHaveAttributeAsync("data-kind", "folder");
        Assert.True(Directory.Exists(Path.Combine(root, "old")));

        // Select both files, move them into the new folder.
        await Row(page, "a.txt").Locator("input.select").CheckAsync();
        await Row(page, "b.txt").Locator("input.select").CheckAsync();
        await Expect(page.Locator(".file-selection .selection-count")).ToHaveTextAsync("2 selected");
        await page.Locator(".file-selection button[data-action=move]").ClickAsync();
        await page.Locator("dialog.file-dialog input[name=target]").FillAsync("/old");
        await page.Locator("dialog.file-dialog button[value=ok]").ClickAsync();
        await Expect(Row(page, "a.txt")).ToHaveCountAsync(0);
        await Expect(Row(page, "b.txt")).ToHaveCountAsync(0);
        Assert.Equal("a", await File.ReadAllTextAsync(Path.Combine(root, "old", "a.txt")));
        Assert.Equal("b", await File.ReadAllTextAsync(Path.Combine(root, "old", "b.txt")));

        await Row(page, "old").Locator(".file-name").ClickAsync();
        await Expect(page.Locator(".breadcrumbs .current")).ToHaveTextAsync("old");
        await Row(page, "b.txt").Locator(".row-menu summary").ClickAsync();
        await Row(page, "b.txt").Locator("button[data-action=rename]").ClickAsync();
        await page.Locator("dialog.file-dialog input[name=name]").FillAsync("c.txt");
        await page.Locator("dialog.file-dialog button[value=ok]").ClickAsync();
        await Expect(Row(page, "c.txt")).ToBeVisibleAsync();
        Assert.True(File.Exists(Path.Combine(root, "old", "c.txt")));
        Assert.False(File.Exists(Path.Combine(root, "old", "b.txt")));

        await Row(page, "c.txt").Locator(".row-menu summary").ClickAsync();
        await Row(page, "c.txt").Locator("button[data-action=chmod]").ClickAsync();
        await Expect(page.Locator("dialog.file-dialog input[name=mode]")).ToHaveValueAsync("644");
        await page.Locator("dialog.file-dialog input[name=mode]").FillAsync("600");
        await page.Locator("dialog.file-dialog button[value=ok]").ClickAsync();
        await Expect(page.Locator(".message.success")).ToContainTextAsync("c.txt is now 600");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(root, "old", "c.txt")));

        // Delete asks first: cancelling keeps the file, confirming removes it.
        await Row(page, "a.txt").Locator(".row-menu summary").ClickAsync();
        await Row(page, "a.txt").Locator("button[data-action=delete]").ClickAsync();
        await Expect(page.Locator("dialog.file-dialog")).ToContainTextAsync("a.txt will be deleted");
        await page.Locator("dialog.file-dialog button[value=cancel]").ClickAsync();
        await Expect(page.Locator("dialog.file-dialog")).ToHaveCountAsync(0);
        Assert.True(File.Exists(Path.Combine(root, "old", "a.txt")));
        await Row(page, "a.txt").Locator(".row-menu summary").ClickAsync();
        await Row(page, "a.txt").Locator("button[data-action=delete]").ClickAsync();
        await page.Locator("dialog.file-dialog button[value=ok]").ClickAsync();
        await Expect(Row(page, "a.txt")).ToHaveCountAsync(0);
        Assert.False(File.Exists(Path.Combine(root, "old", "a.txt")));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Owner_UnpacksAnArchive_AndCompressesAFolder()
    {
        var server = await TestData.DemoServerAsync(up.Stack, "files-archive");
        var root = Root(server.Uuid);
        var jar = new byte[64 * 1024];
        Random.Shared.NextBytes(jar);
        using (var zip = ZipFile.Open(Path.Combine(root, "modpack.zip"), ZipArchiveMode.Create))
        {
            await using (var entry = await zip.CreateEntry("mods/pack.jar").OpenAsync())
            {
                await entry.WriteAsync(jar);
            }
            await using (var writer = new StreamWriter(await zip.CreateEntry("config/pack.toml").OpenAsync()))
            {
                await writer.WriteAsync("enabled = true\n");
            }
            zip.CreateEntry("world/");
        }
        var page = await up.NewPageAsync();
        await ConsolePage.LoginAsync(page, up.PanelUrl, "admin", UpFixture.AdminPassword);
        await page.GotoAsync($"{up.PanelUrl}/server/{server.Identifier}/files");

        // Unpack from the row menu: the archive's folders appear in the listing and its bytes on the node's disk.
        await Row(page, "modpack.zip").Locator(".row-menu summary").ClickAsync();
        await Row(page, "modpack.zip").Locator("button[data-action=decompress]").ClickAsync();
        await Expect(page.Locator(".message.success")).ToContainTextAsync("Unpacked modpack.zip.");
        foreach (var folder in new[] { "mods", "config", "world" })
        {
            await Expect(Row(page, folder)).ToHaveAttributeAsync("data-kind", "folder");
        }
        await Expect(Row(page, "modpack.zip")).ToBeVisibleAsync();
        Assert.Equal(jar, await File.ReadAllBytesAsync(Path.Combine(root, "mods", "pack.jar")));
        Assert.Equal("enabled = true\n", await File.ReadAllTextAsync(Path.Combine(root, "config", "pack.toml")));
        Assert.True(Directory.Exists(Path.Combine(root, "world")));
        await Row(page, "mods").Locator(".file-name").ClickAsync();
        await Expect(Row(page, "pack.jar")).ToHaveAttributeAsync("data-kind", "file");

        // And back: compressing the unpacked folder makes a tar.gz next to it holding the same bytes.
        await page.Locator(".breadcrumbs a", new() { HasText = "home" }).ClickAsync();
        await Expect(page.Locator(".breadcrumbs .current")).ToHaveTextAsync("home");
        await Row(page, "mods").Locator(".row-menu summary").ClickAsync();
        await Row(page, "mods").Locator("button[data-action=compress]").ClickAsync();
        await Expect(page.Locator(".message.success")).ToContainTextAsync("Created archive-");
        var name = (await page.Locator(".message.success").TextContentAsync())!.Replace("Created ", "", StringComparison.Ordinal).TrimEnd('.');
        var archive = Path.Combine(root, name);
        Assert.EndsWith(".tar.gz", name, StringComparison.Ordinal);
        await Expect(Row(page, name)).ToBeVisibleAsync();
        await using var gzip = new GZipStream(File.OpenRead(archive), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        var entries = new Dictionary<string, byte[]>();
        while (await tar.GetNextEntryAsync() is { } entry)
        {
            if (entry.DataStream is { } data)
            {
                using var copy = new MemoryStream();
                await data.CopyToAsync(copy);
                entries[entry.Name.TrimStart('.', '/')] = copy.ToArray();
            }
        }
        Assert.Equal(jar, entries["mods/pack.jar"]);
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
