using System.Runtime.Versioning;
using Aerie.Node.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Aerie.Panel.Tests.Storage;

/// <summary>The panel's data folder (panel.db, the Data Protection key ring) is owner-only whatever the umask.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class DataFolderModeTests
{
    private const UnixFileMode WorldReadable = (UnixFileMode)0b111_111_111;

    [Fact]
    public async Task NewDataFolder_DatabaseAndKeys_OwnerOnly()
    {
        await using var database = await TestDatabase.CreateAsync(postgres: false);
        var options = database.Options() with { DataFolder = Path.Combine(database.DataFolder, "new") };
        await using (var panel = await TestPanel.StartAsync(options))
        {
            // The key ring gets its first key on first use.
            panel.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("mode-test").Protect("secret");
            var keys = Path.Combine(options.DataFolder, "keys");
            Assert.Equal(PrivateFiles.OwnerOnlyFolder, File.GetUnixFileMode(options.DataFolder));
            Assert.Equal(PrivateFiles.OwnerOnlyFolder, File.GetUnixFileMode(keys));
            var keyFiles = Directory.GetFiles(keys);
            Assert.NotEmpty(keyFiles);
            Assert.All(keyFiles, f => Assert.Equal(PrivateFiles.OwnerOnlyFile, File.GetUnixFileMode(f)));
            var db = Directory.GetFiles(options.DataFolder, "panel.db*");
            Assert.Contains(Path.Combine(options.DataFolder, "panel.db"), db);
            // -wal and -shm too: SQLite gives them the database file's mode.
            Assert.All(db, f => Assert.Equal(PrivateFiles.OwnerOnlyFile, File.GetUnixFileMode(f)));
        }
    }

    [Fact]
    public async Task WorldReadableDataFolder_FromBefore_IsNarrowedAtStart()
    {
        await using var database = await TestDatabase.CreateAsync(postgres: false);
        var options = database.Options();
        var keys = Directory.CreateDirectory(Path.Combine(options.DataFolder, "keys")).FullName;
        var db = Path.Combine(options.DataFolder, "panel.db");
        File.WriteAllBytes(db, []);
        // A key an older version wrote: the ring must still read it after narrowing.
        var oldKey = Path.Combine(keys, "key-old.xml");
        File.WriteAllText(oldKey, "<?xml version=\"1.0\" encoding=\"utf-8\"?><unused />");
        foreach (var path in new[] { options.DataFolder, keys, db, oldKey })
        {
            File.SetUnixFileMode(path, WorldReadable);
        }

        await using (await TestPanel.StartAsync(options))
        {
            Assert.Equal(PrivateFiles.OwnerOnlyFolder, File.GetUnixFileMode(options.DataFolder));
            Assert.Equal(PrivateFiles.OwnerOnlyFolder, File.GetUnixFileMode(keys));
            Assert.Equal(PrivateFiles.OwnerOnlyFile, File.GetUnixFileMode(db));
            Assert.Equal(PrivateFiles.OwnerOnlyFile, File.GetUnixFileMode(oldKey));
        }
    }
}
