using System.Runtime.Versioning;
using Aerie.Node.Environments.Docker;
using Aerie.Node.Storage;

namespace Aerie.Docker.Tests;

[UnsupportedOSPlatform("windows")]
public sealed class LogCursorStoreTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "aerie-cursor-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void Save_ThenLoad_SameContainer_RoundTrips()
    {
        var store = new LogCursorStore(folder, "server-1");
        var cursor = new LogCursor("abc123", new DateTimeOffset(2026, 11, 27, 21, 0, 0, 123, TimeSpan.Zero), 7);

        store.Save(cursor);

        Assert.Equal(cursor, store.Load("abc123"));
    }

    [Fact]
    public void Load_OtherContainerOrNothing_Null()
    {
        var store = new LogCursorStore(folder, "server-2");
        Assert.Null(store.Load("abc123"));

        store.Save(new LogCursor("old", DateTimeOffset.UnixEpoch, 1));
        Assert.Null(store.Load("new"));

        store.Delete();
        Assert.Null(store.Load("old"));
    }

    [Fact]
    public void Save_FolderAndFile_OwnerOnly()
    {
        var store = new LogCursorStore(folder, "server-3");

        store.Save(new LogCursor("abc123", DateTimeOffset.UnixEpoch, 1));

        Assert.Equal(PrivateFiles.OwnerOnlyFolder, File.GetUnixFileMode(folder));
        Assert.Equal(PrivateFiles.OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(folder, "server-3.cursor")));
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
